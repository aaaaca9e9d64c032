package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

/** One requested instance group: {@code role} MASTER, CORE or TASK, {@code market} ON_DEMAND or SPOT. */
public record GroupSpec(String name, String role, String market, String instanceType, int count)
{
    public GroupSpec
    {
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
        requireNonNull(market, "market is null");
        requireNonNull(instanceType, "instanceType is null");
    }
}
