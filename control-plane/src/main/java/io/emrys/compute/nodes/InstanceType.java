package io.emrys.compute.nodes;

import static java.util.Objects.requireNonNull;

/**
 * One EC2 instance type as AWS documents it.
 *
 * @param name e.g. {@code m5.xlarge}
 * @param vcpus AWS's vCPU count
 * @param memoryMib AWS's memory in MiB
 * @param instanceStorageGb NVMe instance storage in GB (0 for EBS-only types)
 */
public record InstanceType(String name, int vcpus, long memoryMib, int instanceStorageGb)
{
    public InstanceType
    {
        requireNonNull(name, "name is null");
        if (vcpus <= 0 || memoryMib <= 0 || instanceStorageGb < 0) {
            throw new IllegalArgumentException("bad figures for " + name);
        }
    }
}
