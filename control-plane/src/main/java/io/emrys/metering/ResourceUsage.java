package io.emrys.metering;

/** vCPU-hours, memory GB-hours and storage GB-hours, as EMR Serverless reports them. */
public record ResourceUsage(double vcpuHours, double memoryGbHours, double storageGbHours)
{
    public static final ResourceUsage ZERO = new ResourceUsage(0, 0, 0);

    public ResourceUsage plus(ResourceUsage other)
    {
        return new ResourceUsage(vcpuHours + other.vcpuHours, memoryGbHours + other.memoryGbHours, storageGbHours + other.storageGbHours);
    }
}
