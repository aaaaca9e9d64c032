package io.emrys.compute.nodes;

import io.emrys.error.EmrysException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The instance types a cluster may ask for, with AWS's vCPU, memory and instance-storage figures (from the EC2
 * instance type pages: general purpose m5, m6g, m7g; compute optimised c5; memory optimised r5 and r5d, whose NVMe
 * storage is listed, with its disk count). Every family here is a 64-bit, Nitro one, EBS-optimized by default. A type
 * missing here is refused at RunJobFlow; adding one is one line.
 */
public final class InstanceTypes
{
    private static final int GIB = 1024;
    private final Map<String, InstanceType> types = new LinkedHashMap<>();

    public InstanceTypes()
    {
        // m5 (Intel): 4 GiB per vCPU
        family("m5", List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge"),
                new int[] {2, 4, 8, 16, 32, 48, 64, 96}, 4, new int[8], new int[8], "x86_64");
        // m6g and m7g (Graviton): 4 GiB per vCPU, from medium
        for (String family : List.of("m6g", "m7g")) {
            family(family, List.of("medium", "large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge"),
                    new int[] {1, 2, 4, 8, 16, 32, 48, 64}, 4, new int[8], new int[8], "arm64");
        }
        // c5: 2 GiB per vCPU
        family("c5", List.of("large", "xlarge", "2xlarge", "4xlarge", "9xlarge", "12xlarge", "18xlarge", "24xlarge"),
                new int[] {2, 4, 8, 16, 36, 48, 72, 96}, 2, new int[8], new int[8], "x86_64");
        // r5 and r5d: 8 GiB per vCPU; r5d adds NVMe SSDs (1x75, 1x150, 1x300, 2x300, 2x600, 2x900, 4x600, 4x900 GB)
        List<String> rSizes = List.of("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge");
        int[] rVcpus = {2, 4, 8, 16, 32, 48, 64, 96};
        family("r5", rSizes, rVcpus, 8, new int[8], new int[8], "x86_64");
        family("r5d", rSizes, rVcpus, 8, new int[] {75, 150, 300, 600, 1200, 1800, 2400, 3600}, new int[] {1, 1, 1, 2, 2, 2, 4, 4}, "x86_64");
    }

    private void family(String family, List<String> sizes, int[] vcpus, int gibPerVcpu, int[] storageGb, int[] disks, String architecture)
    {
        for (int i = 0; i < sizes.size(); i++) {
            String name = family + "." + sizes.get(i);
            types.put(name, new InstanceType(name, vcpus[i], (long) vcpus[i] * gibPerVcpu * GIB, storageGb[i], disks[i], architecture));
        }
    }

    public Optional<InstanceType> find(String name)
    {
        return Optional.ofNullable(types.get(name));
    }

    /** The type, or a ValidationException naming it, as RunJobFlow answers an instance type it cannot launch. */
    public InstanceType require(String name)
    {
        return find(name).orElseThrow(() -> EmrysException.validation(
                "The instance type '%s' is not supported. Supported instance families: m5, m6g, m7g, c5, r5, r5d".formatted(name)));
    }

    public List<InstanceType> all()
    {
        return List.copyOf(types.values());
    }
}
