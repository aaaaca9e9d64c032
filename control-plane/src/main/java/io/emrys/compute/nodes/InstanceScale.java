package io.emrys.compute.nodes;

/**
 * What one instance offers on this machine: its type's AWS figures, capped per instance. AWS's m5.xlarge has 4
 * vCPU and 16 GiB; with the default caps its worker offers Spark 1 core and 768 MB, so that a cluster of a master
 * and ten workers fits a 2-core machine. The caps are set with the server's JVM system properties
 * {@value #CORES_PROPERTY} and {@value #MEMORY_PROPERTY}.
 */
public record InstanceScale(int maxCores, long maxMemoryMb)
{
    public static final String CORES_PROPERTY = "emrys.emr.instanceCores";
    public static final String MEMORY_PROPERTY = "emrys.emr.instanceMemoryMb";
    public static final InstanceScale DEFAULT = new InstanceScale(1, 768);

    public InstanceScale
    {
        if (maxCores <= 0 || maxMemoryMb < 256) {
            throw new IllegalArgumentException("an instance needs at least 1 core and 256 MB: " + maxCores + ", " + maxMemoryMb);
        }
    }

    /** The caps from the system properties, else the defaults. */
    public static InstanceScale fromSystemProperties()
    {
        return new InstanceScale(Integer.getInteger(CORES_PROPERTY, DEFAULT.maxCores()), Long.getLong(MEMORY_PROPERTY, DEFAULT.maxMemoryMb()));
    }

    public int cores(InstanceType type)
    {
        return Math.min(type.vcpus(), maxCores);
    }

    public long memoryMb(InstanceType type)
    {
        return Math.min(type.memoryMib(), maxMemoryMb);
    }
}
