package io.emrys.api.serverless;

import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;

/** Where a job run's Spark UI is served by Emrys: the live UI while it runs, the history view after. */
@FunctionalInterface
public interface Dashboards
{
    String urlFor(JobRun run, JobRunAttempt attempt);
}
