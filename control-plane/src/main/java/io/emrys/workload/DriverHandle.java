package io.emrys.workload;

import io.emrys.common.WorkerSize;
import io.emrys.compute.cluster.DriverRef;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A started (or, after a restart, re-adopted) driver of some work: a job run's attempt, a session, and later a
 * cluster's step. Job runs and sessions see only this; how the driver runs (a local JVM today) stays behind it.
 */
public interface DriverHandle
{
    /** Where the driver runs, stored so that a restarted control plane can find it again (opaque to the work). */
    DriverRef ref();

    /** The loopback port of its live Spark UI, when it has one. */
    Optional<Integer> uiPort();

    /** The worker size it was given, for its worker record. */
    WorkerSize size();

    /**
     * Completes with how the driver ended once it has ended and its executors are settled (their records closed,
     * their logs archived); exceptionally when it ended without an exit status Emrys could read.
     */
    CompletableFuture<DriverOutcome> onExit();

    /**
     * Asks the driver to stop (SIGTERM), and kills it (SIGKILL) if it has not ended after {@code grace}; a zero
     * grace kills it at once. Returns at once.
     */
    void stop(Duration grace);

    /** Whether the driver came from the application's pre-initialized capacity. */
    default boolean preInitialized()
    {
        return false;
    }

    /** What the work's stateDetails should say while it runs (such as why it started cold), if anything. */
    default Optional<String> note()
    {
        return Optional.empty();
    }

    /** The Spark Connect endpoint, for a driver that serves a session. */
    default Optional<ConnectEndpoint> connect()
    {
        return Optional.empty();
    }
}
