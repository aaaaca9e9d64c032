package io.emrys.compute.standalone;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One line of a driver's worker events file, as written by the driver agent's {@code WorkerEventsListener}.
 *
 * @param executorId the executor's id; empty for application events
 * @param time when Spark says it happened
 * @param cores the executor's cores (EXECUTOR_ADDED), else 0
 * @param reason Spark's removal reason (EXECUTOR_REMOVED)
 * @param appId the Spark application id (APPLICATION_START)
 */
public record WorkerEvent(Type type, String executorId, Instant time, int cores, Optional<String> reason, Optional<String> appId)
{
    public enum Type
    {
        /** The Spark application registered; carries its id ({@code app-...} on a standalone master). */
        APPLICATION_START,
        /** An executor JVM registered with the driver and can run tasks. */
        EXECUTOR_ADDED,
        /** An executor is gone (idle, killed, lost); carries Spark's reason. */
        EXECUTOR_REMOVED,
        /** The application stopped; its executors are being released. */
        APPLICATION_END
    }

    public WorkerEvent
    {
        requireNonNull(type, "type is null");
        requireNonNull(executorId, "executorId is null");
        requireNonNull(time, "time is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(appId, "appId is null");
        if (cores < 0) {
            throw new IllegalArgumentException("cores must not be negative: " + cores);
        }
    }
}
