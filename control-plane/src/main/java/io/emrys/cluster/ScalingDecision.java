package io.emrys.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * What a managed scaling policy asks of a cluster's CORE and TASK groups, decided from the cluster's record alone.
 * As EMR's node allocation strategy documents, capacity goes to the CORE group first, up to MaximumCoreCapacityUnits
 * (all of it when unset), and the rest to the TASK group; so scaling in takes TASK capacity first. ON_DEMAND groups
 * together hold at most MaximumOnDemandCapacityUnits. Emrys sizes the cluster's one CORE group and its first TASK
 * group; it creates no TASK group of its own, so a cluster without one grows only its CORE group.
 */
final class ScalingDecision
{
    /** What the cluster needs now. */
    enum Demand
    {
        /** steps are pending or running: grow to the maximum */
        GROW,
        /** idle long enough: shrink to the minimum */
        SHRINK,
        /** neither: only bring a size outside the limits back within them */
        HOLD,
    }

    private ScalingDecision() {}

    /**
     * The new requested count of each group to resize, by group id; empty when the groups already fit.
     *
     * @param vcpus AWS's vCPUs of an instance type, for the VCPU unit type
     */
    static Map<String, Integer> counts(EmrCluster cluster, ManagedScalingPolicy policy, Demand demand, ToIntFunction<String> vcpus)
    {
        Optional<InstanceGroupRecord> core = live(cluster, "CORE");
        Optional<InstanceGroupRecord> task = live(cluster, "TASK");
        if (core.isEmpty() && task.isEmpty()) {
            return Map.of();
        }
        int coreUnit = core.map(group -> unit(group, policy, vcpus)).orElse(1);
        int taskUnit = task.map(group -> unit(group, policy, vcpus)).orElse(1);
        int current = core.map(group -> group.spec().count() * coreUnit).orElse(0) + task.map(group -> group.spec().count() * taskUnit).orElse(0);
        int target = switch (demand) {
            case GROW -> policy.maximumUnits();
            case SHRINK -> policy.minimumUnits();
            case HOLD -> Math.max(policy.minimumUnits(), Math.min(policy.maximumUnits(), current));
        };
        if (target == current && demand == Demand.HOLD) {
            // within the limits: a split the user chose (ModifyInstanceGroups) stays as it is
            return Map.of();
        }
        // growing never passes the maximum, so counts round down; shrinking never goes below the minimum, so up
        boolean roundUp = demand != Demand.GROW && target == policy.minimumUnits();
        int onDemandLeft = policy.maximumOnDemandUnits().orElse(Integer.MAX_VALUE);
        int coreCount = 0;
        if (core.isPresent()) {
            int coreUnits = Math.min(target, policy.maximumCoreUnits().orElse(policy.maximumUnits()));
            if (onDemand(core.get())) {
                coreUnits = Math.min(coreUnits, onDemandLeft);
            }
            coreCount = instances(coreUnits, coreUnit, roundUp);
            if (onDemand(core.get())) {
                onDemandLeft -= coreCount * coreUnit;
            }
        }
        int taskCount = 0;
        if (task.isPresent()) {
            int taskUnits = Math.max(0, target - coreCount * coreUnit);
            if (onDemand(task.get())) {
                taskUnits = Math.min(taskUnits, Math.max(0, onDemandLeft));
            }
            taskCount = instances(taskUnits, taskUnit, roundUp);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (core.isPresent() && core.get().spec().count() != coreCount) {
            counts.put(core.get().id(), coreCount);
        }
        if (task.isPresent() && task.get().spec().count() != taskCount) {
            counts.put(task.get().id(), taskCount);
        }
        return counts;
    }

    private static Optional<InstanceGroupRecord> live(EmrCluster cluster, String role)
    {
        return cluster.groups().stream().filter(group -> group.spec().role().equals(role) && !group.state().equals("TERMINATED")).findFirst();
    }

    private static int unit(InstanceGroupRecord group, ManagedScalingPolicy policy, ToIntFunction<String> vcpus)
    {
        return policy.unitType().equals(ManagedScalingPolicy.VCPU) ? vcpus.applyAsInt(group.spec().instanceType()) : 1;
    }

    private static boolean onDemand(InstanceGroupRecord group)
    {
        return !group.spec().market().equals("SPOT");
    }

    private static int instances(int units, int unit, boolean roundUp)
    {
        return roundUp ? (units + unit - 1) / unit : units / unit;
    }
}
