package io.emrys.application;

import io.emrys.common.ApplicationId;

/**
 * Tells whether an application has live work (job runs, later sessions). Implemented by the job-run service and
 * injected here, so the application package never depends on the packages that depend on it.
 */
@FunctionalInterface
public interface ApplicationActivity
{
    boolean hasLiveWork(ApplicationId applicationId);
}
