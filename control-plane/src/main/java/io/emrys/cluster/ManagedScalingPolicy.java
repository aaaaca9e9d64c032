package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;

import java.util.Optional;
import java.util.Set;

/**
 * A cluster's managed scaling policy (the model's ManagedScalingPolicy with its ComputeLimits): the bounds, in
 * instances or vCPUs, within which {@link ScalingDecision} sizes the CORE and TASK groups.
 *
 * @param maximumOnDemandUnits how much of the capacity ON_DEMAND groups may hold; empty: all of it
 * @param maximumCoreUnits how much of the capacity the CORE group may hold, the rest going to TASK; empty: all of it
 */
public record ManagedScalingPolicy(String unitType, int minimumUnits, int maximumUnits, Optional<Integer> maximumOnDemandUnits,
        Optional<Integer> maximumCoreUnits, Optional<String> scalingStrategy, Optional<Integer> utilizationPerformanceIndex)
{
    public static final String INSTANCES = "Instances";
    public static final String VCPU = "VCPU";
    public static final String INSTANCE_FLEET_UNITS = "InstanceFleetUnits";
    private static final Set<String> UNIT_TYPES = Set.of(INSTANCES, VCPU, INSTANCE_FLEET_UNITS);
    private static final Set<String> STRATEGIES = Set.of("DEFAULT", "ADVANCED");
    /** The values the model documents for UtilizationPerformanceIndex. */
    private static final Set<Integer> INDEXES = Set.of(1, 25, 50, 75, 100);

    public ManagedScalingPolicy
    {
        requireNonNull(unitType, "unitType is null");
        requireNonNull(maximumOnDemandUnits, "maximumOnDemandUnits is null");
        requireNonNull(maximumCoreUnits, "maximumCoreUnits is null");
        requireNonNull(scalingStrategy, "scalingStrategy is null");
        requireNonNull(utilizationPerformanceIndex, "utilizationPerformanceIndex is null");
    }

    /**
     * Checks the limits as EMR does, each failure a ValidationException naming the member. Every cluster here is made
     * of instance groups (RunJobFlow refuses instance fleets), so InstanceFleetUnits is refused too.
     */
    public ManagedScalingPolicy validated()
    {
        if (!UNIT_TYPES.contains(unitType)) {
            throw EmrysException.validation("1 validation error detected: Value '%s' at 'managedScalingPolicy.computeLimits.unitType' failed to satisfy constraint: "
                    .formatted(unitType) + "Member must satisfy enum value set: [InstanceFleetUnits, Instances, VCPU]");
        }
        if (unitType.equals(INSTANCE_FLEET_UNITS)) {
            throw EmrysException.validation("The unit type InstanceFleetUnits is only supported for clusters with instance fleets; this cluster uses instance groups: "
                    + "use Instances or VCPU.");
        }
        if (minimumUnits < 1) {
            throw EmrysException.validation("MinimumCapacityUnits must be at least 1; it is %d.".formatted(minimumUnits));
        }
        if (minimumUnits > maximumUnits) {
            throw EmrysException.validation("MinimumCapacityUnits (%d) cannot be greater than MaximumCapacityUnits (%d).".formatted(minimumUnits, maximumUnits));
        }
        maximumOnDemandUnits.ifPresent(onDemand -> {
            if (onDemand < 0 || onDemand > maximumUnits) {
                throw EmrysException.validation("MaximumOnDemandCapacityUnits (%d) must be between 0 and MaximumCapacityUnits (%d).".formatted(onDemand, maximumUnits));
            }
        });
        maximumCoreUnits.ifPresent(core -> {
            if (core < 1 || core > maximumUnits) {
                throw EmrysException.validation("MaximumCoreCapacityUnits (%d) must be between 1 and MaximumCapacityUnits (%d).".formatted(core, maximumUnits));
            }
        });
        scalingStrategy.ifPresent(strategy -> {
            if (!STRATEGIES.contains(strategy)) {
                throw EmrysException.validation("1 validation error detected: Value '%s' at 'managedScalingPolicy.scalingStrategy' failed to satisfy constraint: "
                        .formatted(strategy) + "Member must satisfy enum value set: [DEFAULT, ADVANCED]");
            }
        });
        utilizationPerformanceIndex.ifPresent(index -> {
            if (!INDEXES.contains(index)) {
                throw EmrysException.validation("UtilizationPerformanceIndex %d is not valid: specify 1, 25, 50, 75 or 100.".formatted(index));
            }
            if (!scalingStrategy.orElse("DEFAULT").equals("ADVANCED")) {
                throw EmrysException.validation("UtilizationPerformanceIndex can be set only with the ADVANCED ScalingStrategy.");
            }
        });
        return this;
    }
}
