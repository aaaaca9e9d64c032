package io.emrys.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Waiting on the pool's background starts and stops, and saying why one failed. */
final class Futures
{
    private Futures() {}

    /** Waits up to {@code timeout}; a failed or slow future is left alone (the work then starts cold, or stops anyway). */
    static void awaitQuietly(CompletableFuture<?> future, Duration timeout)
    {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception e) {
            // a failed or slow warm-up leaves the work to start cold
        }
    }

    /** The innermost cause's message: what went wrong, without the wrapping of futures and launchers. */
    static String rootMessage(Throwable failure)
    {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
