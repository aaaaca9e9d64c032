package io.emrys.pool;

import io.emrys.common.WorkerSize;

/**
 * The size of one worker JVM: Spark's cores, its heap limit ({@code -Xmx}) and the scratch disk it is allowed.
 *
 * @param memoryMb the JVM's heap limit in MiB, as {@code spark.driver.memory} and {@code spark.executor.memory} mean it
 */
public record WorkerSpec(int cores, long memoryMb, double diskGb)
{
    public WorkerSpec
    {
        if (cores <= 0) {
            throw new IllegalArgumentException("cores must be positive: " + cores);
        }
        if (memoryMb <= 0) {
            throw new IllegalArgumentException("memoryMb must be positive: " + memoryMb);
        }
        if (!(diskGb > 0) || Double.isInfinite(diskGb)) {
            throw new IllegalArgumentException("diskGb must be positive and finite: " + diskGb);
        }
    }

    /** The worker's size as its worker record and metering see it: memory in GB of heap. */
    public WorkerSize size()
    {
        return new WorkerSize(cores, memoryMb / 1024.0, diskGb);
    }

    /** What this worker counts against an application's maximum capacity. */
    public Capacity capacity()
    {
        return Capacity.of(size());
    }

    /** The heap size as Spark and {@code -Xmx} both accept it: {@code 2g}, {@code 1536m}. */
    public String sparkMemory()
    {
        return memoryMb % 1024 == 0 ? (memoryMb / 1024) + "g" : memoryMb + "m";
    }
}
