package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a cluster's {@code Configurations} mean to its steps, checked once at RunJobFlow: a classification Emrys
 * does not apply is refused (in AWS's words for an unknown one) rather than accepted and ignored.
 *
 * <ul>
 * <li>{@code spark-defaults}: Spark properties of every step (below the step's own flags).</li>
 * <li>{@code spark-env}: its nested {@code export}'s properties become environment variables of the step drivers and
 *     their executors, as EMR's {@code spark-env.sh} exports them; values are taken literally (no shell expansion).</li>
 * <li>{@code hive-site} and {@code spark-hive-site}: Hive client and metastore settings, given to Spark as
 *     {@code spark.hadoop.*} (which Spark copies into the HiveConf); spark-hive-site wins over hive-site.</li>
 * <li>{@code spark}: only {@code maximizeResourceAllocation=false}; {@code true} is refused, as Emrys does not
 *     implement EMR's sizing of executors to the core instances.</li>
 * </ul>
 *
 * @param sparkDefaults the spark-defaults properties
 * @param environment spark-env's export variables
 * @param hiveSite hive-site's properties overlaid with spark-hive-site's
 */
public record ClusterConfigurations(Map<String, String> sparkDefaults, Map<String, String> environment, Map<String, String> hiveSite)
{
    /** Variables Emrys sets itself for every step's processes: a spark-env export may not change them. */
    static final Set<String> RESERVED_VARIABLES = Set.of("SPARK_HOME", "JAVA_HOME", "SPARK_LOCAL_IP", "SPARK_SCALA_VERSION");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String MAXIMIZE = "maximizeResourceAllocation";

    public ClusterConfigurations
    {
        sparkDefaults = ordered(requireNonNull(sparkDefaults, "sparkDefaults is null"));
        environment = ordered(requireNonNull(environment, "environment is null"));
        hiveSite = ordered(requireNonNull(hiveSite, "hiveSite is null"));
    }

    /** Checks and reads a RunJobFlow's configurations; throws VALIDATION naming the first one Emrys does not apply. */
    public static ClusterConfigurations of(List<Configuration> configurations)
    {
        Map<String, String> sparkDefaults = new LinkedHashMap<>();
        Map<String, String> environment = new LinkedHashMap<>();
        Map<String, String> hiveSite = new LinkedHashMap<>();
        Map<String, String> sparkHiveSite = new LinkedHashMap<>();
        for (Configuration configuration : configurations) {
            String classification = configuration.classification();
            switch (classification) {
                case "spark-defaults" -> {
                    noNested(configuration);
                    sparkDefaults.putAll(configuration.properties());
                }
                case "spark-env" -> {
                    if (!configuration.properties().isEmpty()) {
                        throw EmrysException.validation(("The spark-env classification takes no properties of its own (it was given %s): "
                                + "put environment variables in its nested 'export' configuration").formatted(configuration.properties().keySet()));
                    }
                    for (Configuration nested : configuration.configurations()) {
                        if (!nested.classification().equals("export")) {
                            throw invalid(nested.classification(), "spark-env");
                        }
                        noNested(nested);
                        nested.properties().forEach((name, value) -> environment.put(checkedVariable(name), value));
                    }
                }
                case "hive-site" -> {
                    noNested(configuration);
                    hiveSite.putAll(configuration.properties());
                }
                case "spark-hive-site" -> {
                    noNested(configuration);
                    sparkHiveSite.putAll(configuration.properties());
                }
                case "spark" -> {
                    noNested(configuration);
                    for (Map.Entry<String, String> property : configuration.properties().entrySet()) {
                        if (!property.getKey().equals(MAXIMIZE)) {
                            throw EmrysException.validation("The spark classification's property '%s' is not applied by this server; it takes only %s"
                                    .formatted(property.getKey(), MAXIMIZE));
                        }
                        if (!property.getValue().equalsIgnoreCase("false")) {
                            throw EmrysException.validation(("%s=%s is not supported by this server: it does not size executors to the core "
                                    + "instances as EMR does (each worker offers one executor its cores and memory already); set "
                                    + "spark.executor.* in spark-defaults instead").formatted(MAXIMIZE, property.getValue()));
                        }
                    }
                }
                default -> throw invalid(classification, "null");
            }
        }
        hiveSite.putAll(sparkHiveSite);
        return new ClusterConfigurations(sparkDefaults, environment, hiveSite);
    }

    private static void noNested(Configuration configuration)
    {
        if (!configuration.configurations().isEmpty()) {
            throw invalid(configuration.configurations().get(0).classification(), configuration.classification());
        }
    }

    private static String checkedVariable(String name)
    {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw EmrysException.validation("The spark-env export property '%s' is not an environment variable name".formatted(name));
        }
        if (RESERVED_VARIABLES.contains(name)) {
            throw EmrysException.validation("The spark-env export variable %s is set by this server for every step and cannot be changed"
                    .formatted(name));
        }
        return name;
    }

    /** AWS's message for a classification it does not know, followed by what this server applies. */
    private static EmrysException invalid(String classification, String parent)
    {
        return EmrysException.validation(("Classification '%s' is not valid for parent classification '%s'. This server applies spark-defaults, "
                + "spark-env (with its export), spark-hive-site, hive-site and spark (maximizeResourceAllocation=false)").formatted(classification, parent));
    }

    private static Map<String, String> ordered(Map<String, String> values)
    {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
