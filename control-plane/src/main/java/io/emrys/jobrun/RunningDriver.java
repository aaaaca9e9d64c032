package io.emrys.jobrun;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A launched driver process. */
public interface RunningDriver
{
    long pid();

    Optional<Integer> uiPort();

    /** The worker size this driver was given, for its worker record. */
    WorkerSize size();

    /** Completes when the process has ended. */
    CompletableFuture<DriverOutcome> onExit();

    /** Asks the driver to stop (SIGTERM), and kills it if it has not ended after {@code grace}. */
    void stop(Duration grace);

    /** Whether the driver came from the application's pre-initialized capacity. */
    default boolean preInitialized()
    {
        return false;
    }

    /** What the run's stateDetails should say while it runs (such as why it started cold), if anything. */
    default Optional<String> note()
    {
        return Optional.empty();
    }

    /** vCPU, memory and disk of a worker. */
    record WorkerSize(double vcpu, double memoryGb, double diskGb) {}
}
