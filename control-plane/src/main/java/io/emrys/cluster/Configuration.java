package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of RunJobFlow's {@code Configurations}, kept as the request gave it (DescribeCluster returns it so):
 * a classification, its properties in their given order and its nested configurations (spark-env's {@code export}).
 */
public record Configuration(String classification, Map<String, String> properties, List<Configuration> configurations)
{
    public Configuration
    {
        requireNonNull(classification, "classification is null");
        // the request's order, which DescribeCluster shows back
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
    }
}
