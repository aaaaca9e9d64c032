package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One cluster as stored (one JSON document per cluster) and shown: what RunJobFlow asked for, its state and
 * timeline, its instance groups, instances and steps, and the settings the Set* operations change.
 *
 * @param termination set by TerminateJobFlows (or a failed step): the reason the runner ends the cluster with
 * @param stepConcurrencyLevel how many steps may run at once (RunJobFlow's StepConcurrencyLevel, ModifyCluster);
 *         a document stored before it existed reads 0, which means 1
 */
public record EmrCluster(String id, String arn, ClusterSpec spec, String state, Optional<StatusReason> reason, Instant created, Optional<Instant> ready,
        Optional<Instant> ended, Optional<String> masterUrl, boolean keepAlive, boolean terminationProtected, boolean visibleToAllUsers,
        Map<String, String> tags, List<InstanceGroupRecord> groups, List<InstanceRecord> instances, List<StepRecord> steps,
        Optional<StatusReason> termination, int stepConcurrencyLevel)
{
    public static final Set<String> ENDED = Set.of("TERMINATED", "TERMINATED_WITH_ERRORS");

    public EmrCluster
    {
        requireNonNull(id, "id is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(created, "created is null");
        requireNonNull(ready, "ready is null");
        requireNonNull(ended, "ended is null");
        requireNonNull(masterUrl, "masterUrl is null");
        requireNonNull(termination, "termination is null");
        tags = Map.copyOf(tags);
        groups = List.copyOf(groups);
        instances = List.copyOf(instances);
        steps = List.copyOf(steps);
        stepConcurrencyLevel = Math.max(1, stepConcurrencyLevel);
    }

    public boolean hasEnded()
    {
        return ENDED.contains(state);
    }

    /** TerminateJobFlows has been accepted or the cluster is past the point of running steps. */
    public boolean terminationUnderway()
    {
        return termination.isPresent() || state.equals("TERMINATING") || hasEnded();
    }

    public Optional<StepRecord> step(String stepId)
    {
        return steps.stream().filter(step -> step.id().equals(stepId)).findFirst();
    }

    EmrCluster withState(String next, Optional<StatusReason> why, Instant now)
    {
        Optional<Instant> readyAt = ready.isEmpty() && (next.equals("RUNNING") || next.equals("WAITING")) ? Optional.of(now) : ready;
        Optional<Instant> endedAt = ENDED.contains(next) ? Optional.of(now) : ended;
        return new EmrCluster(id, arn, spec, next, why, created, readyAt, endedAt, masterUrl, keepAlive, terminationProtected, visibleToAllUsers, tags,
                groups, instances, steps, termination, stepConcurrencyLevel);
    }

    EmrCluster withStepConcurrencyLevel(int level)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, masterUrl, keepAlive, terminationProtected, visibleToAllUsers, tags,
                groups, instances, steps, termination, level);
    }

    EmrCluster withMasterUrl(String url)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, Optional.of(url), keepAlive, terminationProtected, visibleToAllUsers,
                tags, groups, instances, steps, termination, stepConcurrencyLevel);
    }

    EmrCluster withSettings(boolean keep, boolean protect, boolean visible)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, masterUrl, keep, protect, visible, tags, groups, instances, steps,
                termination, stepConcurrencyLevel);
    }

    EmrCluster withTags(Map<String, String> next)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, masterUrl, keepAlive, terminationProtected, visibleToAllUsers, next,
                groups, instances, steps, termination, stepConcurrencyLevel);
    }

    EmrCluster withTermination(StatusReason why)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, masterUrl, keepAlive, terminationProtected, visibleToAllUsers, tags,
                groups, instances, steps, Optional.of(why), stepConcurrencyLevel);
    }

    EmrCluster withSteps(List<StepRecord> next)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, masterUrl, keepAlive, terminationProtected, visibleToAllUsers, tags,
                groups, instances, next, termination, stepConcurrencyLevel);
    }

    EmrCluster withGroups(List<InstanceGroupRecord> next)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, masterUrl, keepAlive, terminationProtected, visibleToAllUsers, tags,
                next, instances, steps, termination, stepConcurrencyLevel);
    }

    EmrCluster withInstances(List<InstanceRecord> next)
    {
        return new EmrCluster(id, arn, spec, state, reason, created, ready, ended, masterUrl, keepAlive, terminationProtected, visibleToAllUsers, tags,
                groups, next, steps, termination, stepConcurrencyLevel);
    }

    EmrCluster addSteps(List<StepRecord> added)
    {
        List<StepRecord> next = new ArrayList<>(steps);
        next.addAll(added);
        return withSteps(next);
    }

    EmrCluster changeStep(String stepId, UnaryOperator<StepRecord> change)
    {
        return withSteps(steps.stream().map(step -> step.id().equals(stepId) ? change.apply(step) : step).toList());
    }

    EmrCluster changeInstance(String instanceId, UnaryOperator<InstanceRecord> change)
    {
        return withInstances(instances.stream().map(instance -> instance.id().equals(instanceId) ? change.apply(instance) : instance).toList());
    }

    /** Every pending step CANCELLED, as AWS does to the rest of the steps when a cluster ends or a step fails. */
    EmrCluster cancelPendingSteps(Instant now)
    {
        return withSteps(steps.stream().map(step -> step.pending() || step.state().equals("CANCEL_PENDING")
                ? step.ended("CANCELLED", Optional.empty(), now) : step).toList());
    }

    Map<String, String> mutableTags()
    {
        return new LinkedHashMap<>(tags);
    }
}
