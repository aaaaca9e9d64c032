package io.emrys.api.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.cluster.ClusterService;
import io.emrys.cluster.EmrCluster;
import io.emrys.cluster.GroupSpec;
import io.emrys.cluster.ManagedScalingPolicy;
import io.emrys.error.EmrysException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The EMR operations that change a running cluster's size, step concurrency and lifetime: AddInstanceGroups,
 * ModifyCluster (StepConcurrencyLevel), the auto-termination and the managed scaling policies (Put, Get, Remove). Kept apart from {@link EmrOperations} so each stays small.
 */
final class EmrScalingOperations
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ClusterService clusters;

    EmrScalingOperations(ClusterService clusters)
    {
        this.clusters = requireNonNull(clusters, "clusters is null");
    }

    Map<String, OperationHandler> handlers()
    {
        return Map.of(
                "AddInstanceGroups", this::addInstanceGroups,
                "PutAutoTerminationPolicy", call -> {
                    clusters.putAutoTerminationPolicy(required(call.input(), "ClusterId"), idleTimeout(call.input().path("AutoTerminationPolicy")).orElseThrow(
                            () -> EmrysException.validation("AutoTerminationPolicy with an IdleTimeout is required.")));
                    return NODES.objectNode();
                },
                "GetAutoTerminationPolicy", call -> {
                    ObjectNode output = NODES.objectNode();
                    clusters.autoTerminationPolicy(required(call.input(), "ClusterId"))
                            .ifPresent(policy -> output.putObject("AutoTerminationPolicy").put("IdleTimeout", policy.idleTimeout().toSeconds()));
                    return output;
                },
                "ModifyCluster", call -> {
                    if (call.input().path("ExtendedSupport").asBoolean(false)) {
                        throw EmrysException.validation("ExtendedSupport is not offered by this server");
                    }
                    JsonNode level = call.input().path("StepConcurrencyLevel");
                    int now = clusters.modifyCluster(required(call.input(), "ClusterId"), level.isIntegralNumber() ? Optional.of(level.asInt()) : Optional.empty());
                    return NODES.objectNode().put("StepConcurrencyLevel", now);
                },
                "RemoveAutoTerminationPolicy", call -> {
                    clusters.removeAutoTerminationPolicy(required(call.input(), "ClusterId"));
                    return NODES.objectNode();
                },
                "PutManagedScalingPolicy", call -> {
                    String clusterId = required(call.input(), "ClusterId");
                    clusters.putManagedScalingPolicy(clusterId, managedScalingPolicy(call.input().path("ManagedScalingPolicy")).orElseThrow(
                            () -> EmrysException.validation("1 validation error detected: Value null at 'managedScalingPolicy' failed to satisfy constraint: "
                                    + "Member must not be null")));
                    return NODES.objectNode();
                },
                "GetManagedScalingPolicy", call -> {
                    ObjectNode output = NODES.objectNode();
                    clusters.managedScalingPolicy(required(call.input(), "ClusterId")).ifPresent(policy -> write(policy, output.putObject("ManagedScalingPolicy")));
                    return output;
                },
                "RemoveManagedScalingPolicy", call -> {
                    clusters.removeManagedScalingPolicy(required(call.input(), "ClusterId"));
                    return NODES.objectNode();
                });
    }

    /**
     * RunJobFlow's or PutAutoTerminationPolicy's {@code AutoTerminationPolicy}: empty when the member is absent;
     * a policy without an IdleTimeout is refused, as this server sets no default timeout of its own.
     */
    static Optional<Long> idleTimeout(JsonNode policy)
    {
        if (policy.isMissingNode() || policy.isNull()) {
            return Optional.empty();
        }
        JsonNode timeout = policy.path("IdleTimeout");
        if (!timeout.isIntegralNumber()) {
            throw EmrysException.validation("AutoTerminationPolicy needs an IdleTimeout in seconds (60 to 604800).");
        }
        return Optional.of(timeout.asLong());
    }

    /**
     * RunJobFlow's or PutManagedScalingPolicy's {@code ManagedScalingPolicy}: empty when the member is absent; its
     * ComputeLimits with UnitType, MinimumCapacityUnits and MaximumCapacityUnits are required, as the model says.
     * The limits themselves are checked by the service ({@link io.emrys.cluster.ManagedScalingPolicy#validated}).
     */
    static Optional<ManagedScalingPolicy> managedScalingPolicy(JsonNode policy)
    {
        if (policy.isMissingNode() || policy.isNull()) {
            return Optional.empty();
        }
        JsonNode limits = policy.path("ComputeLimits");
        if (!limits.isObject()) {
            throw EmrysException.validation("ManagedScalingPolicy needs ComputeLimits with UnitType, MinimumCapacityUnits and MaximumCapacityUnits.");
        }
        for (String member : List.of("UnitType", "MinimumCapacityUnits", "MaximumCapacityUnits")) {
            if (!limits.hasNonNull(member)) {
                throw EmrysException.validation("1 validation error detected: Value null at 'managedScalingPolicy.computeLimits.%s' failed to satisfy constraint: "
                        .formatted(Character.toLowerCase(member.charAt(0)) + member.substring(1)) + "Member must not be null");
            }
        }
        return Optional.of(new ManagedScalingPolicy(limits.path("UnitType").asText(), limits.path("MinimumCapacityUnits").asInt(),
                limits.path("MaximumCapacityUnits").asInt(), optionalInt(limits, "MaximumOnDemandCapacityUnits"), optionalInt(limits, "MaximumCoreCapacityUnits"),
                policy.hasNonNull("ScalingStrategy") ? Optional.of(policy.get("ScalingStrategy").asText()) : Optional.empty(),
                optionalInt(policy, "UtilizationPerformanceIndex")));
    }

    private static void write(ManagedScalingPolicy policy, ObjectNode output)
    {
        ObjectNode limits = output.putObject("ComputeLimits")
                .put("UnitType", policy.unitType())
                .put("MinimumCapacityUnits", policy.minimumUnits())
                .put("MaximumCapacityUnits", policy.maximumUnits());
        policy.maximumOnDemandUnits().ifPresent(units -> limits.put("MaximumOnDemandCapacityUnits", units));
        policy.maximumCoreUnits().ifPresent(units -> limits.put("MaximumCoreCapacityUnits", units));
        policy.scalingStrategy().ifPresent(strategy -> output.put("ScalingStrategy", strategy));
        policy.utilizationPerformanceIndex().ifPresent(index -> output.put("UtilizationPerformanceIndex", index));
    }

    private static Optional<Integer> optionalInt(JsonNode node, String member)
    {
        return node.hasNonNull(member) ? Optional.of(node.get(member).asInt()) : Optional.empty();
    }

    private ObjectNode addInstanceGroups(OperationCall call)
    {
        ObjectNode input = call.input();
        String clusterId = required(input, "JobFlowId");
        List<GroupSpec> groups = new ArrayList<>();
        for (JsonNode group : input.path("InstanceGroups")) {
            if (group.has("Configurations") || group.has("AutoScalingPolicy") || group.has("EbsConfiguration") || group.has("CustomAmiId")) {
                throw EmrysException.validation("This server adds instance groups by InstanceRole, InstanceType, InstanceCount, Market and Name only");
            }
            String role = group.path("InstanceRole").asText();
            String defaultName = role.isEmpty() ? "Instance Group" : role.charAt(0) + role.substring(1).toLowerCase(Locale.ROOT) + " Instance Group";
            groups.add(new GroupSpec(group.path("Name").asText(defaultName), role, group.path("Market").asText("ON_DEMAND"),
                    group.path("InstanceType").asText(), group.path("InstanceCount").asInt()));
        }
        List<String> ids = clusters.addInstanceGroups(clusterId, groups);
        EmrCluster cluster = clusters.describe(clusterId);
        ObjectNode output = NODES.objectNode().put("JobFlowId", clusterId);
        ids.forEach(output.putArray("InstanceGroupIds")::add);
        return output.put("ClusterArn", cluster.arn());
    }

    private static String required(ObjectNode input, String member)
    {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            throw EmrysException.validation("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null".formatted(
                    Character.toLowerCase(member.charAt(0)) + member.substring(1)));
        }
        return value.asText();
    }
}
