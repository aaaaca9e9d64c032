package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A RunJobFlow request as the cluster service takes it.
 *
 * @param applications EMR's names as given (Spark, Hive)
 * @param configurations RunJobFlow's {@code Configurations} as given ({@link ClusterConfigurations} reads them); a
 *     document stored before they were kept has none
 * @param bootstrapActions RunJobFlow's {@code BootstrapActions}, run in order on each instance before its node starts;
 *     a document stored before they were kept has none
 */
public record ClusterSpec(String name, String releaseLabel, Optional<String> logUri, List<String> applications, Optional<String> serviceRole,
        Optional<String> jobFlowRole, boolean keepAlive, boolean terminationProtected, boolean visibleToAllUsers, List<GroupSpec> groups,
        List<StepSpec> steps, Map<String, String> tags, List<Configuration> configurations, List<BootstrapAction> bootstrapActions)
{
    public ClusterSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(releaseLabel, "releaseLabel is null");
        requireNonNull(logUri, "logUri is null");
        requireNonNull(serviceRole, "serviceRole is null");
        requireNonNull(jobFlowRole, "jobFlowRole is null");
        applications = List.copyOf(applications);
        groups = List.copyOf(groups);
        steps = List.copyOf(steps);
        tags = Map.copyOf(tags);
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
        bootstrapActions = bootstrapActions == null ? List.of() : List.copyOf(bootstrapActions);
    }

    /** The configurations as they apply to steps; they were checked at RunJobFlow. */
    public ClusterConfigurations applied()
    {
        return ClusterConfigurations.of(configurations);
    }

    /** Whether the cluster has the Hive application (EMR's names compare without case). */
    public boolean hasHive()
    {
        return applications.stream().anyMatch(name -> name.equalsIgnoreCase("hive"));
    }
}
