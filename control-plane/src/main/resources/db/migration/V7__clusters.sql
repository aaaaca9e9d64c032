-- EMR (on EC2) clusters: one JSON document per cluster (its instance groups, instances and steps under the EMR
-- model's member names), kept across restarts. The creation time orders ListClusters (newest first).
CREATE TABLE emr_clusters (
    cluster_id  VARCHAR(32)  PRIMARY KEY,
    created_at  BIGINT       NOT NULL,
    document    TEXT         NOT NULL
);
CREATE INDEX emr_clusters_by_creation ON emr_clusters (created_at);
