-- EMR (on EC2) auto-termination policies (RunJobFlow's AutoTerminationPolicy, PutAutoTerminationPolicy): one row per
-- cluster that has one. Kept apart from the cluster's document so that Remove deletes a row instead of rewriting it.
-- since_at is when the policy was set (epoch ms): a cluster's idle time is counted from it or from the cluster
-- becoming idle, whichever is later.
CREATE TABLE emr_auto_termination_policies (
    cluster_id            VARCHAR(32)  PRIMARY KEY,
    idle_timeout_seconds  BIGINT       NOT NULL,
    since_at              BIGINT       NOT NULL
);
