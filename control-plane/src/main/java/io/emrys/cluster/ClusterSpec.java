package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A RunJobFlow request as the cluster service takes it.
 *
 * @param sparkDefaults the {@code spark-defaults} classification's properties of {@code Configurations}
 */
public record ClusterSpec(String name, String releaseLabel, Optional<String> logUri, List<String> applications, Optional<String> serviceRole,
        Optional<String> jobFlowRole, boolean keepAlive, boolean terminationProtected, boolean visibleToAllUsers, List<GroupSpec> groups,
        List<StepSpec> steps, Map<String, String> tags, Map<String, String> sparkDefaults)
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
        sparkDefaults = Map.copyOf(sparkDefaults);
    }
}
