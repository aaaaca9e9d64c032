package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.driver.StandaloneMaster;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An application's standalone host whose JVM runs (its secret written), with its master possibly not ready yet.
 *
 * @param applicationId whose host it is, for the errors
 * @param readyFile where the host writes its master URL once ready
 * @param ready completes with the master URL, or fails when the host ended first
 * @param timeout how long {@link #awaitMasterUrl} waits
 */
record HostStart(String applicationId, Path readyFile, CompletableFuture<String> ready, Duration timeout)
{
    HostStart
    {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(readyFile, "readyFile is null");
        requireNonNull(ready, "ready is null");
        requireNonNull(timeout, "timeout is null");
    }

    /** The master as a driver sees it now: running, or its host starting (the driver then waits for it itself). */
    StandaloneMaster master()
    {
        return ready.isDone() && !ready.isCompletedExceptionally() ? new StandaloneMaster.Running(ready.join()) : new StandaloneMaster.Starting(readyFile);
    }

    /** Waits for the master; INTERNAL when the host ends before it is ready or takes longer than the timeout. */
    String awaitMasterUrl()
    {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "The Spark standalone host of application " + applicationId + " did not start within " + timeout, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmrysException(ErrorCode.INTERNAL, "Interrupted while waiting for the Spark standalone host of application " + applicationId, e);
        }
        catch (Exception e) {
            throw new EmrysException(ErrorCode.INTERNAL, "The Spark standalone host of application " + applicationId + " could not be started: "
                    + Futures.rootMessage(e), e);
        }
    }
}
