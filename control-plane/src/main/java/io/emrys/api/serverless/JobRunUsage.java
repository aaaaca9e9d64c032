package io.emrys.api.serverless;

import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.metering.ResourceUsage;
import io.emrys.metering.WorkerUsage;
import java.time.Instant;

/** Utilization of a job run attempt from its worker records. */
@FunctionalInterface
public interface JobRunUsage
{
    Figures of(JobRun run, JobRunAttempt attempt, Instant now);

    /** The usage metering computes from an attempt's worker records. */
    static JobRunUsage fromWorkers(WorkerUsage workers)
    {
        return (run, attempt, now) -> {
            WorkerUsage.Usage usage = workers.usage(run.id().value(), attempt.attempt(), now);
            return new Figures(usage.total(), usage.billed());
        };
    }

    record Figures(ResourceUsage total, ResourceUsage billed) {}
}
