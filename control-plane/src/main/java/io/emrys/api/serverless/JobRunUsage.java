package io.emrys.api.serverless;

import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.metering.ResourceUsage;
import java.time.Instant;

/** Utilization of a job run attempt from its worker records. */
@FunctionalInterface
public interface JobRunUsage
{
    Figures of(JobRun run, JobRunAttempt attempt, Instant now);

    record Figures(ResourceUsage total, ResourceUsage billed) {}
}
