package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.common.OwnerOnlyFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a cluster's applications and configurations give every step's driver: Spark properties (lowest first:
 * the Hive metastore's, hive-site's as {@code spark.hadoop.*}, spark-env's variables for executors as
 * {@code spark.executorEnv.*}, then spark-defaults), the driver's environment and the driver JVM's system properties.
 */
record StepSettings(Map<String, String> sparkDefaults, Map<String, String> environment, Map<String, String> driverSystemProperties)
{
    StepSettings
    {
        sparkDefaults = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(sparkDefaults, "sparkDefaults is null")));
        environment = Map.copyOf(environment);
        driverSystemProperties = Map.copyOf(driverSystemProperties);
    }

    /** Creates the cluster's owner-only Hive folder when the cluster has Hive. */
    static StepSettings of(ClusterSpec spec, Path clusterDir)
    {
        ClusterConfigurations configurations = spec.applied();
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> systemProperties = Map.of();
        if (spec.hasHive()) {
            HiveMetastore metastore = HiveMetastore.of(clusterDir);
            try {
                OwnerOnlyFiles.privateDirectory(metastore.root());
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not create " + metastore.root(), e);
            }
            properties.putAll(metastore.sparkProperties(configurations));
            systemProperties = metastore.driverSystemProperties();
        }
        configurations.hiveSite().forEach((key, value) -> properties.put("spark.hadoop." + key, value));
        // the driver gets them in its environment; executors through Spark's own spark.executorEnv
        configurations.environment().forEach((name, value) -> properties.put("spark.executorEnv." + name, value));
        properties.putAll(configurations.sparkDefaults());
        return new StepSettings(properties, configurations.environment(), systemProperties);
    }
}
