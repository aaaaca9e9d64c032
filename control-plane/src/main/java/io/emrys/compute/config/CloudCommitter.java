package io.emrys.compute.config;

import java.util.Map;

/**
 * Output to {@code s3://} and {@code s3a://} goes through S3A's magic committer: files become visible only when a
 * job commits, so a failed job leaves no partial output. Drivers of jobs and sessions get these unless the user
 * set their own.
 */
public final class CloudCommitter
{
    public static final Map<String, String> DEFAULTS = Map.of(
            "spark.hadoop.fs.s3a.committer.name", "magic",
            "spark.hadoop.fs.s3a.committer.magic.enabled", "true",
            "spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a", "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory",
            "spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3", "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory",
            "spark.sql.sources.commitProtocolClass", "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
            "spark.sql.parquet.output.committer.class", "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");

    private CloudCommitter() {}
}
