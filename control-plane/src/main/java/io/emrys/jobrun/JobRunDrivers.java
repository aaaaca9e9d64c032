package io.emrys.jobrun;

import io.emrys.application.Application;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverOutcome;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What job runs need from compute: check a submission, start an attempt's driver, and find it again after a
 * control-plane restart. {@link SparkJobRunDrivers} does it on the Spark runtimes; this package never sees how a
 * driver JVM is built.
 */
public interface JobRunDrivers
{
    /**
     * Checks everything about a submission that can be checked before it is stored (runtime available,
     * sparkSubmitParameters, configuration classifications). Throws a VALIDATION EmrysException.
     */
    void validate(Application application, JobRunSpec spec);

    /** Starts the attempt's driver. Throws if it cannot be started at all. */
    DriverHandle launch(Application application, JobRun run, int attempt, Path workDir);

    /** The driver of an attempt that was running when the control plane stopped, if it still runs. */
    Optional<DriverHandle> adopt(Application application, JobRun run, int attempt, DriverRef ref, Path workDir);

    /** The outcome a driver left behind in its work dir, if it wrote one before it ended. */
    Optional<DriverOutcome> recordedExit(Path workDir);
}
