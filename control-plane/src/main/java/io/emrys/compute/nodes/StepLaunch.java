package io.emrys.compute.nodes;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.runtime.SparkRuntime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One step's driver: {@code spark-submit} arguments as the step gave them after {@code spark-submit} (or built from
 * a custom jar step), run in client mode on the master instance against the cluster's standalone master.
 *
 * @param stepDir the step's folder: its stdout, stderr, properties and scratch
 * @param sparkDefaults the cluster's {@code spark-defaults} (below the step's own flags and Emrys's settings)
 * @param hadoopS3a Hadoop's S3A settings for the object store (Spark callers prefix them with {@code spark.hadoop.})
 * @param executorCores what one worker offers, so that one executor fills one instance
 * @param environment variables of the driver's process (a cluster's spark-env export; executors get them as
 *     {@code spark.executorEnv.*} in {@code sparkDefaults})
 * @param driverSystemProperties {@code -D} options of the driver's JVM (the Hive metastore's Derby home), which
 *     the properties file cannot give a client-mode driver that is already running
 */
public record StepLaunch(SparkRuntime runtime, Path stepDir, Path clusterSecret, String masterUrl, List<String> submitArguments,
        Map<String, String> sparkDefaults, Map<String, String> hadoopS3a, int executorCores, long executorMemoryMb,
        Map<String, String> environment, Map<String, String> driverSystemProperties)
{
    public StepLaunch
    {
        requireNonNull(runtime, "runtime is null");
        requireNonNull(stepDir, "stepDir is null");
        requireNonNull(clusterSecret, "clusterSecret is null");
        requireNonNull(masterUrl, "masterUrl is null");
        submitArguments = List.copyOf(submitArguments);
        sparkDefaults = Map.copyOf(sparkDefaults);
        hadoopS3a = Map.copyOf(hadoopS3a);
        environment = Map.copyOf(environment);
        driverSystemProperties = Map.copyOf(driverSystemProperties);
    }
}
