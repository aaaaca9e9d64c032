package io.emrys.pool;

import io.emrys.application.Application;
import io.emrys.compute.driver.DriverLaunchRequest;
import java.nio.file.Path;

/**
 * Builds the launch request of a warm driver: what a job of the application with no job-level settings would
 * get, so that a job whose own settings add nothing static can run on it. Implemented where job defaults live.
 */
@FunctionalInterface
public interface WarmRequests
{
    DriverLaunchRequest warmRequest(Application application, String warmWorkerId, Path workDir);
}
