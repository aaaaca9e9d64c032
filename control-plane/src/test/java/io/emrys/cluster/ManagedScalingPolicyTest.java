package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ManagedScalingPolicyTest
{
    @Test
    void aPolicyWithinItsLimitsIsValid()
    {
        ManagedScalingPolicy policy = policy("Instances", 2, 10, Optional.of(4), Optional.of(3));
        assertThat(policy.validated()).isEqualTo(policy);
        assertThat(new ManagedScalingPolicy("VCPU", 4, 4, Optional.empty(), Optional.empty(), Optional.of("ADVANCED"), Optional.of(75)).validated())
                .isNotNull();
    }

    @Test
    void aMinimumAboveTheMaximumIsRefused()
    {
        assertRefused(policy("Instances", 5, 4, Optional.empty(), Optional.empty()), "MinimumCapacityUnits (5) cannot be greater than MaximumCapacityUnits (4)");
    }

    @Test
    void aMinimumBelowOneIsRefused()
    {
        assertRefused(policy("Instances", 0, 4, Optional.empty(), Optional.empty()), "MinimumCapacityUnits must be at least 1");
    }

    @Test
    void coreOrOnDemandLimitsAboveTheMaximumAreRefused()
    {
        assertRefused(policy("Instances", 1, 4, Optional.empty(), Optional.of(5)), "MaximumCoreCapacityUnits (5)");
        assertRefused(policy("Instances", 1, 4, Optional.of(6), Optional.empty()), "MaximumOnDemandCapacityUnits (6)");
    }

    @Test
    void instanceFleetUnitsAreRefusedForInstanceGroupClustersAndUnknownUnitTypesByTheEnum()
    {
        assertRefused(policy("InstanceFleetUnits", 1, 4, Optional.empty(), Optional.empty()), "instance fleets");
        assertRefused(policy("Nodes", 1, 4, Optional.empty(), Optional.empty()), "enum value set: [InstanceFleetUnits, Instances, VCPU]");
    }

    @Test
    void aUtilizationPerformanceIndexNeedsTheAdvancedStrategyAndADocumentedValue()
    {
        assertRefused(new ManagedScalingPolicy("Instances", 1, 4, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(50)), "ADVANCED");
        assertRefused(new ManagedScalingPolicy("Instances", 1, 4, Optional.empty(), Optional.empty(), Optional.of("ADVANCED"), Optional.of(42)), "42");
        assertRefused(new ManagedScalingPolicy("Instances", 1, 4, Optional.empty(), Optional.empty(), Optional.of("FAST"), Optional.empty()), "FAST");
    }

    private static ManagedScalingPolicy policy(String unitType, int minimum, int maximum, Optional<Integer> onDemand, Optional<Integer> core)
    {
        return new ManagedScalingPolicy(unitType, minimum, maximum, onDemand, core, Optional.empty(), Optional.empty());
    }

    private static void assertRefused(ManagedScalingPolicy policy, String message)
    {
        assertThatThrownBy(policy::validated)
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining(message);
    }
}
