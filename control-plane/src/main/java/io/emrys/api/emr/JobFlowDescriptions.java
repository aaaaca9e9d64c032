package io.emrys.api.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.cluster.BootstrapAction;
import io.emrys.cluster.ClusterService;
import io.emrys.cluster.EmrCluster;
import io.emrys.cluster.InstanceGroupRecord;
import io.emrys.cluster.StatusReason;
import io.emrys.cluster.StepRecord;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * DescribeJobFlows, the deprecated listing old tools still call: the stored clusters that match every filter given,
 * as JobFlowDetail (the pre-2013 shape: execution status details, one instances summary with its groups, the steps
 * with their configs). As AWS documents it: only clusters created within the last two months answer; with no filter
 * at all, those created and ended within the last two weeks and those still active; at most 512, newest first.
 */
final class JobFlowDescriptions
{
    static final int MAX_JOB_FLOWS = 512;
    /** The states DescribeJobFlows lists unasked; BOOTSTRAPPING too, which AWS's list leaves out but is as live as STARTING. */
    private static final Set<String> ACTIVE = Set.of("STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING", "SHUTTING_DOWN");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ClusterService clusters;
    private final ToIntFunction<EmrCluster> instanceHours;
    private final Clock clock;

    /** @param instanceHours a cluster's NormalizedInstanceHours, as DescribeCluster reports them */
    JobFlowDescriptions(ClusterService clusters, ToIntFunction<EmrCluster> instanceHours, Clock clock)
    {
        this.clusters = requireNonNull(clusters, "clusters is null");
        this.instanceHours = requireNonNull(instanceHours, "instanceHours is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    ObjectNode describe(OperationCall call)
    {
        ObjectNode input = call.input();
        ArrayNode flows = NODES.arrayNode();
        select(clusters.all(), strings(input.path("JobFlowIds")), strings(input.path("JobFlowStates")), instant(input, "CreatedAfter"),
                instant(input, "CreatedBefore"), clock.instant()).forEach(cluster -> flows.add(detail(cluster, clusters.availabilityZone(),
                instanceHours.applyAsInt(cluster))));
        return NODES.objectNode().set("JobFlows", flows);
    }

    /** The clusters DescribeJobFlows answers with for these filters (each empty when not given) at {@code now}. */
    static List<EmrCluster> select(Collection<EmrCluster> all, Set<String> ids, Set<String> states, Optional<Instant> after, Optional<Instant> before,
            Instant now)
    {
        boolean unfiltered = ids.isEmpty() && states.isEmpty() && after.isEmpty() && before.isEmpty();
        Instant twoMonthsAgo = now.atOffset(ZoneOffset.UTC).minusMonths(2).toInstant();
        Instant twoWeeksAgo = now.minus(Duration.ofDays(14));
        return all.stream()
                .filter(cluster -> !cluster.created().isBefore(twoMonthsAgo))
                .filter(cluster -> ids.isEmpty() || ids.contains(cluster.id()))
                .filter(cluster -> states.isEmpty() || states.contains(jobFlowState(cluster)))
                .filter(cluster -> after.map(time -> !cluster.created().isBefore(time)).orElse(true))
                .filter(cluster -> before.map(time -> !cluster.created().isAfter(time)).orElse(true))
                .filter(cluster -> !unfiltered || ACTIVE.contains(jobFlowState(cluster))
                        || (!cluster.created().isBefore(twoWeeksAgo) && cluster.hasEnded()))
                .sorted(Comparator.comparing(EmrCluster::created).reversed().thenComparing(EmrCluster::id))
                .limit(MAX_JOB_FLOWS)
                .toList();
    }

    /** The JobFlowDetail of one cluster, running in {@code zone}, with its NormalizedInstanceHours so far. */
    static ObjectNode detail(EmrCluster cluster, String zone, int normalizedInstanceHours)
    {
        ObjectNode flow = NODES.objectNode()
                .put("JobFlowId", cluster.id())
                .put("Name", cluster.spec().name());
        cluster.spec().logUri().ifPresent(uri -> flow.put("LogUri", uri));
        ObjectNode status = flow.putObject("ExecutionStatusDetail").put("State", jobFlowState(cluster));
        times(status, cluster.created(), cluster.ready(), cluster.ready(), cluster.ended());
        reason(status, cluster.reason());
        flow.set("Instances", instances(cluster, zone, normalizedInstanceHours));
        ArrayNode steps = flow.putArray("Steps");
        cluster.steps().forEach(step -> steps.add(step(step)));
        ArrayNode actions = flow.putArray("BootstrapActions");
        for (BootstrapAction action : cluster.spec().bootstrapActions()) {
            ObjectNode config = actions.addObject().putObject("BootstrapActionConfig").put("Name", action.name());
            ObjectNode script = config.putObject("ScriptBootstrapAction").put("Path", action.path());
            action.args().forEach(script.putArray("Args")::add);
        }
        flow.putArray("SupportedProducts");
        flow.put("VisibleToAllUsers", cluster.visibleToAllUsers());
        cluster.spec().jobFlowRole().ifPresent(role -> flow.put("JobFlowRole", role));
        cluster.spec().serviceRole().ifPresent(role -> flow.put("ServiceRole", role));
        flow.put("ScaleDownBehavior", "TERMINATE_AT_TASK_COMPLETION");
        return flow;
    }

    /**
     * The old API's JobFlowExecutionState for a cluster's state: TERMINATING is SHUTTING_DOWN, a cluster that ended
     * after its steps is COMPLETED (TERMINATED when a user or a step ended it), TERMINATED_WITH_ERRORS is FAILED.
     */
    static String jobFlowState(EmrCluster cluster)
    {
        return switch (cluster.state()) {
            case "TERMINATING" -> "SHUTTING_DOWN";
            case "TERMINATED" -> cluster.reason().map(StatusReason::code).orElse("").equals("ALL_STEPS_COMPLETED") ? "COMPLETED" : "TERMINATED";
            case "TERMINATED_WITH_ERRORS" -> "FAILED";
            default -> cluster.state();
        };
    }

    private static ObjectNode instances(EmrCluster cluster, String zone, int normalizedInstanceHours)
    {
        Optional<InstanceGroupRecord> master = group(cluster, "MASTER");
        String masterType = master.map(group -> group.spec().instanceType()).orElse("");
        ObjectNode instances = NODES.objectNode()
                .put("MasterInstanceType", masterType)
                .put("MasterPublicDnsName", "localhost");
        cluster.instances().stream().filter(instance -> instance.role().equals("MASTER")).findFirst()
                .ifPresent(instance -> instances.put("MasterInstanceId", instance.ec2InstanceId()));
        // the old API's one slave type: the core group's, else the master's, as a single-node job flow reports
        instances.put("SlaveInstanceType", group(cluster, "CORE").map(group -> group.spec().instanceType()).orElse(masterType))
                .put("InstanceCount", cluster.groups().stream().mapToInt(group -> group.spec().count()).sum());
        ArrayNode groups = instances.putArray("InstanceGroups");
        cluster.groups().forEach(group -> groups.add(group(cluster, group)));
        instances.put("NormalizedInstanceHours", normalizedInstanceHours);
        instances.putObject("Placement").put("AvailabilityZone", zone);
        instances.put("KeepJobFlowAliveWhenNoSteps", cluster.keepAlive())
                .put("TerminationProtected", cluster.terminationProtected());
        return instances;
    }

    private static ObjectNode group(EmrCluster cluster, InstanceGroupRecord group)
    {
        long running = cluster.instances().stream().filter(instance -> instance.groupId().equals(group.id()) && instance.state().equals("RUNNING")).count();
        ObjectNode detail = NODES.objectNode()
                .put("InstanceGroupId", group.id())
                .put("Name", group.spec().name())
                .put("Market", group.spec().market())
                .put("InstanceRole", group.spec().role())
                .put("InstanceType", group.spec().instanceType())
                .put("InstanceRequestCount", group.spec().count())
                .put("InstanceRunningCount", running)
                // the old API calls a terminated group ENDED
                .put("State", group.state().equals("TERMINATED") ? "ENDED" : group.state());
        reason(detail, group.reason());
        times(detail, group.created(), group.ready(), group.ready(), group.ended());
        return detail;
    }

    private static ObjectNode step(StepRecord step)
    {
        ObjectNode detail = NODES.objectNode();
        ObjectNode config = detail.putObject("StepConfig")
                .put("Name", step.spec().name())
                .put("ActionOnFailure", step.spec().actionOnFailure());
        ObjectNode jar = config.putObject("HadoopJarStep");
        ArrayNode properties = jar.putArray("Properties");
        step.spec().properties().forEach((key, value) -> properties.addObject().put("Key", key).put("Value", value));
        jar.put("Jar", step.spec().jar());
        step.spec().mainClass().ifPresent(mainClass -> jar.put("MainClass", mainClass));
        ArrayNode args = jar.putArray("Args");
        step.spec().args().forEach(args::add);
        // StepExecutionState has no CANCEL_PENDING: the step still runs until its driver stops
        ObjectNode status = detail.putObject("ExecutionStatusDetail").put("State", step.state().equals("CANCEL_PENDING") ? "RUNNING" : step.state());
        times(status, step.created(), step.started(), Optional.empty(), step.ended());
        step.failure().ifPresent(failure -> status.put("LastStateChangeReason", failure.reason()));
        return detail;
    }

    private static Optional<InstanceGroupRecord> group(EmrCluster cluster, String role)
    {
        return cluster.groups().stream().filter(group -> group.spec().role().equals(role)).findFirst();
    }

    private static void times(ObjectNode status, Instant created, Optional<Instant> started, Optional<Instant> ready, Optional<Instant> ended)
    {
        status.put("CreationDateTime", created.toString());
        started.ifPresent(time -> status.put("StartDateTime", time.toString()));
        ready.ifPresent(time -> status.put("ReadyDateTime", time.toString()));
        ended.ifPresent(time -> status.put("EndDateTime", time.toString()));
    }

    private static void reason(ObjectNode status, Optional<StatusReason> reason)
    {
        reason.map(StatusReason::message).filter(message -> !message.isEmpty()).ifPresent(message -> status.put("LastStateChangeReason", message));
    }

    private static Set<String> strings(JsonNode array)
    {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Optional<Instant> instant(ObjectNode input, String member)
    {
        return input.hasNonNull(member) ? Optional.of(Instant.parse(input.get(member).asText())) : Optional.empty();
    }
}
