package io.emrys.session;

import io.emrys.application.Application;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the session service needs from compute: check a session's configuration, start its Spark Connect driver,
 * and find it again after a restart. Implemented over the Spark runtime; this package never sees a JVM command line.
 */
public interface SessionDriverSupervisor
{
    /** Throws a VALIDATION EmrysException for reserved or unknown settings, before anything is stored. */
    void validate(Application application, SessionSpec spec);

    SessionDriver launch(Application application, Session session, Path workDir);

    /**
     * The driver of a session that was live when the control plane stopped, if it still runs: its capacity is
     * reserved again and its executors' records go on, as for a freshly launched one.
     */
    Optional<SessionDriver> adopt(Application application, Session session, long pid, Path workDir);

    /** A started Spark Connect driver. */
    interface SessionDriver
    {
        long pid();

        int grpcPort();

        Optional<Integer> uiPort();

        double vcpu();

        double memoryGb();

        double diskGb();

        /** Completes when clients can connect; fails with the reason if the driver ends first. */
        CompletableFuture<Void> ready();

        /** Completes with the last error line (if any) when the process has ended. */
        CompletableFuture<Optional<String>> onExit();

        void stop(Duration grace);

        /** Whether the driver came from the application's pre-initialized capacity. */
        default boolean preInitialized()
        {
            return false;
        }

        /** What the session's stateDetails should add once it is ready (such as why it started cold), if anything. */
        default Optional<String> note()
        {
            return Optional.empty();
        }
    }
}
