package io.emrys.compute.nodes;

import static java.util.Objects.requireNonNull;

/**
 * One EC2 instance type as AWS documents it.
 *
 * @param name e.g. {@code m5.xlarge}
 * @param vcpus AWS's vCPU count
 * @param memoryMib AWS's memory in MiB
 * @param instanceStorageGb NVMe instance storage in GB, all disks together (0 for EBS-only types)
 * @param disks how many instance-store disks hold that storage (0 for EBS-only types)
 * @param architecture EC2's processor architecture name: {@code x86_64} or {@code arm64} (Graviton)
 */
public record InstanceType(String name, int vcpus, long memoryMib, int instanceStorageGb, int disks, String architecture)
{
    public InstanceType
    {
        requireNonNull(name, "name is null");
        requireNonNull(architecture, "architecture is null");
        if (vcpus <= 0 || memoryMib <= 0 || instanceStorageGb < 0 || disks < 0 || (disks == 0) != (instanceStorageGb == 0)) {
            throw new IllegalArgumentException("bad figures for " + name);
        }
    }

    /** The family, as EMR's InstanceFamilyId names it: {@code m5} for {@code m5.xlarge}. */
    public String family()
    {
        return name.substring(0, name.indexOf('.'));
    }

    /** No instance store: every disk is an EBS volume. */
    public boolean ebsStorageOnly()
    {
        return disks == 0;
    }
}
