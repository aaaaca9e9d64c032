package io.emrys.compute.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One EMR configuration classification ({@code spark-defaults}, {@code spark-driver-log4j2}, ...), as
 * {@code runtimeConfiguration} and {@code configurationOverrides.applicationConfiguration} carry them. The API
 * layer converts the wire Configuration shape into this record.
 */
public record Classification(String classification, Map<String, String> properties, List<Classification> configurations)
{
    public Classification
    {
        requireNonNull(classification, "classification is null");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(properties, "properties is null")));
        configurations = List.copyOf(requireNonNull(configurations, "configurations is null"));
    }

    public Classification(String classification, Map<String, String> properties)
    {
        this(classification, properties, List.of());
    }
}
