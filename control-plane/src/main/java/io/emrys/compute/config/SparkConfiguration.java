package io.emrys.compute.config;

import io.emrys.error.EmrysException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The configuration classifications of a run after merging: application-level {@code runtimeConfiguration}
 * first, the job's {@code configurationOverrides.applicationConfiguration} on top, key by key within each
 * classification. The log4j2 maps are empty when the run does not customise logging, in which case Spark's own
 * defaults apply and no file is written.
 */
public record SparkConfiguration(Map<String, String> sparkDefaults, Map<String, String> driverLog4j2, Map<String, String> executorLog4j2)
{
    public static final String SPARK_DEFAULTS = "spark-defaults";
    public static final String SPARK_DRIVER_LOG4J2 = "spark-driver-log4j2";
    public static final String SPARK_EXECUTOR_LOG4J2 = "spark-executor-log4j2";
    public static final List<String> SUPPORTED_CLASSIFICATIONS = List.of(SPARK_DEFAULTS, SPARK_DRIVER_LOG4J2, SPARK_EXECUTOR_LOG4J2);

    public static final SparkConfiguration EMPTY = new SparkConfiguration(Map.of(), Map.of(), Map.of());

    public SparkConfiguration
    {
        sparkDefaults = copy(requireNonNull(sparkDefaults, "sparkDefaults is null"));
        driverLog4j2 = copy(requireNonNull(driverLog4j2, "driverLog4j2 is null"));
        executorLog4j2 = copy(requireNonNull(executorLog4j2, "executorLog4j2 is null"));
    }

    /** Merges the two levels; throws VALIDATION for an unknown classification or nested configurations. */
    public static SparkConfiguration merge(List<Classification> applicationLevel, List<Classification> jobLevel)
    {
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        for (String classification : SUPPORTED_CLASSIFICATIONS) {
            merged.put(classification, new LinkedHashMap<>());
        }
        for (List<Classification> level : List.of(applicationLevel, jobLevel)) {
            for (Classification classification : level) {
                Map<String, String> target = merged.get(classification.classification());
                if (target == null) {
                    throw EmrysException.validation("Configuration classification '%s' is not supported: supported classifications are %s"
                            .formatted(classification.classification(), String.join(", ", SUPPORTED_CLASSIFICATIONS)));
                }
                if (!classification.configurations().isEmpty()) {
                    throw EmrysException.validation("Configuration classification '%s' does not take nested configurations"
                            .formatted(classification.classification()));
                }
                target.putAll(classification.properties());
            }
        }
        return new SparkConfiguration(merged.get(SPARK_DEFAULTS), merged.get(SPARK_DRIVER_LOG4J2), merged.get(SPARK_EXECUTOR_LOG4J2));
    }

    private static Map<String, String> copy(Map<String, String> map)
    {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
