package io.emrys.compute.cluster;

import static java.util.Objects.requireNonNull;

/**
 * Where a driver runs, as the store keeps it so that a restarted control plane can find the driver again: an opaque
 * string that only the {@link ClusterManager} that made it reads (a local process writes {@code local-process:<pid>}).
 * Everything above the seam stores, compares and logs it, and never looks inside.
 */
public record DriverRef(String value)
{
    public DriverRef
    {
        requireNonNull(value, "value is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a driver ref must not be blank");
        }
    }

    @Override
    public String toString()
    {
        return value;
    }
}
