package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.cluster.ScalingDecision.Demand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class ScalingDecisionTest
{
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");
    /** m5.xlarge has 4 vCPUs, m5.2xlarge 8, as AWS documents them. */
    private static final ToIntFunction<String> VCPUS = type -> type.equals("m5.2xlarge") ? 8 : 4;

    @Test
    void demandFillsTheCoreGroupUpToItsLimitAndTheRestGoesToTheTaskGroup()
    {
        EmrCluster cluster = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 1), group("ig-task", "TASK", "SPOT", "m5.xlarge", 0));
        assertThat(ScalingDecision.counts(cluster, instances(1, 5, Optional.empty(), Optional.of(2)), Demand.GROW, VCPUS))
                .isEqualTo(Map.of("ig-core", 2, "ig-task", 3));
    }

    @Test
    void withoutACoreLimitTheCoreGroupTakesEverything()
    {
        EmrCluster cluster = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 1), group("ig-task", "TASK", "SPOT", "m5.xlarge", 0));
        assertThat(ScalingDecision.counts(cluster, instances(1, 4, Optional.empty(), Optional.empty()), Demand.GROW, VCPUS)).isEqualTo(Map.of("ig-core", 4));
    }

    @Test
    void anIdleClusterShrinksToTheMinimumTakingTaskCapacityFirst()
    {
        EmrCluster cluster = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 2), group("ig-task", "TASK", "SPOT", "m5.xlarge", 3));
        assertThat(ScalingDecision.counts(cluster, instances(2, 5, Optional.empty(), Optional.of(2)), Demand.SHRINK, VCPUS)).isEqualTo(Map.of("ig-task", 0));
    }

    @Test
    void holdingLeavesASizeWithinTheLimitsAsItIsAndBringsOneOutsideThemBack()
    {
        EmrCluster within = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 1), group("ig-task", "TASK", "SPOT", "m5.xlarge", 2));
        assertThat(ScalingDecision.counts(within, instances(1, 5, Optional.empty(), Optional.empty()), Demand.HOLD, VCPUS)).isEmpty();
        EmrCluster above = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 1), group("ig-task", "TASK", "SPOT", "m5.xlarge", 6));
        assertThat(ScalingDecision.counts(above, instances(1, 3, Optional.empty(), Optional.of(1)), Demand.HOLD, VCPUS)).isEqualTo(Map.of("ig-task", 2));
    }

    @Test
    void onDemandGroupsTogetherStayWithinTheOnDemandLimit()
    {
        EmrCluster cluster = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 1), group("ig-task", "TASK", "ON_DEMAND", "m5.xlarge", 0));
        assertThat(ScalingDecision.counts(cluster, instances(1, 6, Optional.of(3), Optional.of(2)), Demand.GROW, VCPUS))
                .isEqualTo(Map.of("ig-core", 2, "ig-task", 1));
    }

    @Test
    void vcpuUnitsCountEachInstanceByItsTypesVcpusAndGrowthNeverPassesTheMaximum()
    {
        EmrCluster cluster = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 1), group("ig-task", "TASK", "SPOT", "m5.2xlarge", 0));
        ManagedScalingPolicy policy = new ManagedScalingPolicy("VCPU", 4, 30, Optional.empty(), Optional.of(8), Optional.empty(), Optional.empty());
        // core: 8 vCPUs = 2 x 4; task: the 22 left are 2 whole m5.2xlarge (16), not 3
        assertThat(ScalingDecision.counts(cluster, policy, Demand.GROW, VCPUS)).isEqualTo(Map.of("ig-core", 2, "ig-task", 2));
    }

    @Test
    void aClusterWithoutATaskGroupGrowsOnlyItsCoreGroup()
    {
        EmrCluster cluster = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 1));
        assertThat(ScalingDecision.counts(cluster, instances(1, 6, Optional.empty(), Optional.of(3)), Demand.GROW, VCPUS)).isEqualTo(Map.of("ig-core", 3));
    }

    @Test
    void aGroupAlreadyAtItsTargetIsNotResized()
    {
        EmrCluster cluster = cluster(group("ig-core", "CORE", "ON_DEMAND", "m5.xlarge", 2), group("ig-task", "TASK", "SPOT", "m5.xlarge", 3));
        assertThat(ScalingDecision.counts(cluster, instances(1, 5, Optional.empty(), Optional.of(2)), Demand.GROW, VCPUS)).isEmpty();
    }

    private static ManagedScalingPolicy instances(int minimum, int maximum, Optional<Integer> onDemand, Optional<Integer> core)
    {
        return new ManagedScalingPolicy("Instances", minimum, maximum, onDemand, core, Optional.empty(), Optional.empty());
    }

    private static InstanceGroupRecord group(String id, String role, String market, String type, int count)
    {
        return new InstanceGroupRecord(id, new GroupSpec(role, role, market, type, count), "RUNNING", Optional.empty(), NOW, Optional.of(NOW), Optional.empty());
    }

    private static EmrCluster cluster(InstanceGroupRecord... workers)
    {
        List<InstanceGroupRecord> groups = new ArrayList<>();
        groups.add(group("ig-master", "MASTER", "ON_DEMAND", "m5.xlarge", 1));
        groups.addAll(List.of(workers));
        ClusterSpec spec = new ClusterSpec("scaled", "emr-7.2.0", Optional.empty(), List.of("Spark"), Optional.empty(), Optional.empty(), true, false, true,
                groups.stream().map(InstanceGroupRecord::spec).toList(), List.of(), Map.of(), List.of(), List.of());
        return new EmrCluster("j-0000000000001", "arn:aws:elasticmapreduce:us-east-1:000000000000:cluster/j-0000000000001", spec, "WAITING", Optional.empty(),
                NOW, Optional.of(NOW), Optional.empty(), Optional.of("spark://localhost:7077"), true, false, true, Map.of(), groups, List.of(), List.of(),
                Optional.empty(), 1);
    }
}
