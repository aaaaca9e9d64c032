package io.emrys.session;

import io.emrys.application.Application;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverOutcome;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What sessions need from compute: check a session's configuration, start its Spark Connect driver (a
 * {@link DriverHandle} with a {@link io.emrys.workload.ConnectEndpoint}), and find it again after a restart.
 * {@link SparkSessionDrivers} does it on the Spark runtimes; this package never sees a JVM command line.
 */
public interface SessionDrivers
{
    /** Throws a VALIDATION EmrysException for reserved or unknown settings, before anything is stored. */
    void validate(Application application, SessionSpec spec);

    DriverHandle launch(Application application, Session session, Path workDir);

    /**
     * The driver of a session that was live when the control plane stopped, if it still runs: its capacity is
     * reserved again and its executors' records go on, as for a freshly launched one.
     */
    Optional<DriverHandle> adopt(Application application, Session session, DriverRef ref, Path workDir);

    /** The outcome a driver left behind in its work dir, if it ended while the control plane was down. */
    Optional<DriverOutcome> recordedExit(Path workDir);
}
