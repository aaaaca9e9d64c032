-- EMR (on EC2) managed scaling policies (RunJobFlow's ManagedScalingPolicy, PutManagedScalingPolicy): one row per
-- cluster that has one, kept apart from the cluster's document as the auto-termination policies are, so that
-- Remove deletes a row. The nullable columns are the model's optional members.
CREATE TABLE emr_managed_scaling_policies (
    cluster_id                VARCHAR(32)  PRIMARY KEY,
    unit_type                 VARCHAR(32)  NOT NULL,
    minimum_units             INTEGER      NOT NULL,
    maximum_units             INTEGER      NOT NULL,
    maximum_on_demand_units   INTEGER,
    maximum_core_units        INTEGER,
    scaling_strategy          VARCHAR(16),
    utilization_index         INTEGER
);
