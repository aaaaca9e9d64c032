package io.emrys.api.serverless;

import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.session.Session;

/** Where Emrys serves a job run's or a session's Spark UI: the live UI while it runs, the history view after. */
public interface Dashboards
{
    String urlFor(JobRun run, JobRunAttempt attempt);

    String urlFor(Session session);
}
