package io.emrys.metering;

import io.emrys.common.WorkerSize;

/**
 * The sizes of the workers running at one instant: how many there are and the vCPU, memory GB and disk GB they
 * hold together. Unlike {@link ResourceUsage} (an amount over time, in hours) this is a level, like a gauge.
 */
public record ResourcesInUse(int workers, double vcpu, double memoryGb, double diskGb)
{
    public static final ResourcesInUse NONE = new ResourcesInUse(0, 0, 0, 0);

    public ResourcesInUse
    {
        if (workers < 0) {
            throw new IllegalArgumentException("workers must not be negative: " + workers);
        }
    }

    public ResourcesInUse plus(WorkerRecord worker)
    {
        WorkerSize size = worker.size();
        return new ResourcesInUse(workers + 1, vcpu + size.vcpu(), memoryGb + size.memoryGb(), diskGb + size.diskGb());
    }
}
