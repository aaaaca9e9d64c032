package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reserves in the {@link CapacityLedger}, waiting while the reservation does not fit: the waiting thread sleeps
 * until the ledger signals a release of the application's capacity, then tries again.
 */
final class CapacityWaiter
{
    private final CapacityLedger ledger;
    private final Duration recheck;

    /**
     * @param recheck the longest one wait for a release signal lasts before the reservation is tried again anyway;
     *         every freeing goes through {@link CapacityLedger#release}, so this only bounds what a missed signal
     *         could cost
     */
    CapacityWaiter(CapacityLedger ledger, Duration recheck)
    {
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.recheck = requireNonNull(recheck, "recheck is null");
        if (recheck.isNegative() || recheck.isZero()) {
            throw new IllegalArgumentException("recheck must be positive: " + recheck);
        }
    }

    /**
     * Blocks until {@link CapacityLedger#reserve} grants the reservation. INTERNAL, with the thread's interrupt
     * status set again, when the waiting thread is interrupted.
     */
    Reservation reserve(String applicationId, String owner, Capacity maximum, Capacity driver, Capacity executor, int minExecutors, int wantedMaxExecutors)
    {
        while (true) {
            // taken before trying, so a release between the failed try and the wait still wakes this thread
            CompletableFuture<Void> released = ledger.nextRelease(applicationId);
            Optional<Reservation> granted = ledger.reserve(applicationId, owner, maximum, driver, executor, minExecutors, wantedMaxExecutors);
            if (granted.isPresent()) {
                return granted.get();
            }
            awaitRelease(released);
        }
    }

    private void awaitRelease(CompletableFuture<Void> released)
    {
        try {
            released.get(recheck.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException | ExecutionException e) {
            // try again: the wait is bounded so that a lost signal delays the work instead of stranding it
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmrysException(ErrorCode.INTERNAL, "Interrupted while waiting for capacity", e);
        }
    }
}
