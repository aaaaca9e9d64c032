package io.emrys.compute.cluster;

import io.emrys.compute.connect.ConnectServerLaunchRequest;
import io.emrys.compute.connect.ConnectServerProcess;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.compute.standalone.StandaloneHost;
import io.emrys.compute.standalone.WorkerEvents;
import io.emrys.compute.warm.WarmDriver;
import io.emrys.compute.warm.WarmDriverWarmUp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What work needs from wherever its drivers and executors run: start drivers (for a job, as a Spark Connect server,
 * or warm), find them again after a control-plane restart by the {@link DriverRef} the store kept and their work dir,
 * stop them, run an application's executor host, and read what executors did. {@link LocalProcessCluster} does it
 * with child processes of this machine; a second cluster manager (Kubernetes) is the reason this is an interface.
 *
 * <p>The drivers and hosts it returns are still the local types ({@link DriverProcess}, {@link StandaloneHost},
 * {@link WarmDriver}); a second implementation will need them behind interfaces of their own.
 */
public interface ClusterManager
{
    /** The ref to store for a driver this cluster manager started or adopted. */
    DriverRef ref(DriverProcess driver);

    /** Starts a job's driver; see {@link io.emrys.compute.driver.DriverLauncher#launch(DriverLaunchRequest)}. */
    DriverProcess launchDriver(DriverLaunchRequest request);

    /** Starts a session's Spark Connect server; see {@link io.emrys.compute.connect.ConnectServerLauncher#launch}. */
    ConnectServerProcess launchConnectServer(ConnectServerLaunchRequest request);

    /** Starts a pre-initialized driver that waits for one job or session; see {@link io.emrys.compute.warm.WarmDriverLauncher#start}. */
    WarmDriver launchWarmDriver(DriverLaunchRequest request, WarmDriverWarmUp warmUp);

    /**
     * After a restart: the driver {@code ref} names, when it is still the driver of {@code workDir} or left its exit
     * status there; empty when it is gone without a trace or {@code ref} is not this cluster manager's.
     */
    Optional<DriverProcess> adoptDriver(DriverRef ref, Path workDir);

    /** The exit status a driver left in {@code workDir} before it ended, for one that ended while the control plane was down. */
    OptionalInt recordedExit(Path workDir);

    /** As {@link #adoptDriver}, for a Spark Connect server (its gRPC port is read back from the work dir). */
    Optional<ConnectServerProcess> adoptConnectServer(DriverRef ref, Path workDir);

    /** Asks a driver to stop, and kills it if it has not ended after {@code grace}. Returns at once. */
    void stopDriver(DriverProcess driver, Duration grace);

    /**
     * After a restart: stops the driver the previous control plane started in {@code workDir} when it still runs
     * (a pre-initialized driver nobody took); false when there is none.
     */
    boolean stopLeftoverDriver(Path workDir);

    /** Starts an application's executor host (offering {@code cores} and {@code memoryMb}); watch {@link StandaloneHost#ready()}. */
    StandaloneHost startExecutorHost(SparkRuntime runtime, Path workDir, int cores, long memoryMb);

    /** After a restart: the executor host the previous control plane started in {@code workDir}, when it still runs. */
    Optional<StandaloneHost> adoptExecutorHost(Path workDir);

    /** Asks an executor host to stop, and kills it if it has not ended after {@code grace}. */
    void stopExecutorHost(StandaloneHost host, Duration grace);

    /** The complete executor events a driver reported after {@code offset} in {@code eventsFile}. */
    WorkerEvents.Batch readExecutorEvents(Path eventsFile, long offset);

    /**
     * Gzips an ended driver's stdout and stderr into {@code <workDir>/logs/SPARK_DRIVER/}, for a driver whose end the
     * cluster manager did not see (one re-adopted, or one that ended while the control plane was down).
     */
    void archiveDriverLogs(Path workDir)
            throws IOException;

    /**
     * Copies the logs of executor {@code executorId} of Spark application {@code sparkApplicationId}, which ran on the
     * host in {@code hostDir}, next to its driver's archived logs in {@code workDir}.
     */
    void archiveExecutorLogs(Path hostDir, String sparkApplicationId, String executorId, Path workDir)
            throws IOException;
}
