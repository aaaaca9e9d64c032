package io.emrys.metering;

import io.emrys.common.WorkerSize;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * EMR Serverless's metering rules applied to worker records:
 * <ul>
 *   <li>usage is counted per second of each worker's life (a running worker counts up to "now");</li>
 *   <li>billing rounds each worker up to at least one minute;</li>
 *   <li>the first 20 GB of each worker's disk is free, so only storage above it is billed;</li>
 *   <li>pre-initialized workers are billed to a run only from when the run took them (their records start then).</li>
 * </ul>
 * Figures are rounded to whole seconds before multiplying, like AWS's per-second metering.
 */
public final class Meter
{
    static final double FREE_STORAGE_GB = 20;
    private static final long MINIMUM_BILLED_SECONDS = 60;

    private Meter() {}

    /** What the workers really used. */
    public static ResourceUsage total(Collection<WorkerRecord> workers, Instant now)
    {
        ResourceUsage sum = ResourceUsage.ZERO;
        for (WorkerRecord worker : workers) {
            double hours = seconds(worker, now) / 3600.0;
            WorkerSize size = worker.size();
            sum = sum.plus(new ResourceUsage(size.vcpu() * hours, size.memoryGb() * hours, size.diskGb() * hours));
        }
        return sum;
    }

    /** What the workers are billed for. */
    public static ResourceUsage billed(Collection<WorkerRecord> workers, Instant now)
    {
        ResourceUsage sum = ResourceUsage.ZERO;
        for (WorkerRecord worker : workers) {
            double hours = Math.max(seconds(worker, now), MINIMUM_BILLED_SECONDS) / 3600.0;
            WorkerSize size = worker.size();
            double billableDisk = Math.max(0, size.diskGb() - FREE_STORAGE_GB);
            sum = sum.plus(new ResourceUsage(size.vcpu() * hours, size.memoryGb() * hours, billableDisk * hours));
        }
        return sum;
    }

    /**
     * The sizes of the workers running now: the records without {@code stoppedAt}. Stopped records in the collection
     * are ignored, so a run's or an application's full history may be passed.
     */
    public static ResourcesInUse current(Collection<WorkerRecord> live)
    {
        ResourcesInUse sum = ResourcesInUse.NONE;
        for (WorkerRecord worker : live) {
            if (worker.stoppedAt().isEmpty()) {
                sum = sum.plus(worker);
            }
        }
        return sum;
    }

    private static long seconds(WorkerRecord worker, Instant now)
    {
        Instant end = worker.stoppedAt().orElse(now);
        long seconds = Duration.between(worker.startedAt(), end).toSeconds();
        return Math.max(0, seconds);
    }
}
