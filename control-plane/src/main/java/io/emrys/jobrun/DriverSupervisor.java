package io.emrys.jobrun;

import io.emrys.application.Application;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What the job-run service needs from compute: check a submission, launch an attempt's driver, and find a driver
 * again after a control-plane restart. Implemented over the Spark runtime by {@code io.emrys.compute}; this
 * package never sees how a driver JVM is built.
 */
public interface DriverSupervisor
{
    /**
     * Checks everything about a submission that can be checked before it is stored (runtime available,
     * sparkSubmitParameters, configuration classifications). Throws a VALIDATION EmrysException.
     */
    void validate(Application application, JobRunSpec spec);

    /** Starts the attempt's driver. Throws if it cannot be started at all. */
    RunningDriver launch(Application application, JobRun run, int attempt, Path workDir);

    /**
     * Finds the driver of an attempt that was running when the control plane stopped. Empty if it is gone; the
     * caller then asks {@link #recordedExit} how it ended, if that is known.
     */
    Optional<RunningDriver> adopt(Application application, JobRun run, int attempt, long pid, Path workDir);

    /** The outcome a driver left behind in its work dir, if it wrote one before it ended. */
    Optional<DriverOutcome> recordedExit(Path workDir);
}
