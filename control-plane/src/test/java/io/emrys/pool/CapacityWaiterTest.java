package io.emrys.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CapacityWaiterTest
{
    private static final Capacity MAXIMUM = new Capacity(4, 4, 80);
    private static final Capacity SMALL = new Capacity(1, 1, 20);
    // far beyond the class timeout: a waiter that returns in time was woken by the release signal, not a recheck
    private static final Duration NEVER = Duration.ofHours(1);

    private final CapacityLedger ledger = new CapacityLedger();

    @Test
    void nextReleaseCompletesWhenTheApplicationReleasesAReservation()
    {
        ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 1);
        CompletableFuture<Void> released = ledger.nextRelease("app");

        ledger.release("run-1");

        assertThat(released).isCompleted();
    }

    @Test
    void nextReleaseIgnoresOtherApplicationsAndOwnersThatHoldNothing()
    {
        ledger.reserve("other", "run-1", MAXIMUM, SMALL, SMALL, 0, 1);
        CompletableFuture<Void> released = ledger.nextRelease("app");

        ledger.release("run-1");
        ledger.release("nobody");

        assertThat(released).isNotDone();
    }

    @Test
    void aWaiterThatCompletesItsSignalDoesNotWakeTheOthers()
    {
        ledger.nextRelease("app").complete(null);

        assertThat(ledger.nextRelease("app")).isNotDone();
    }

    @Test
    void waitingReservationIsGrantedWhenCapacityIsReleased()
            throws Exception
    {
        ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 3);
        CapacityWaiter waiter = new CapacityWaiter(ledger, NEVER);
        CompletableFuture<Reservation> second = new CompletableFuture<>();
        Thread waiting = new Thread(() -> second.complete(waiter.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 0, 1)));
        waiting.start();
        awaitBlocked(waiting);

        ledger.release("run-1");

        assertThat(second.get()).isEqualTo(new Reservation("app", "run-2", SMALL, SMALL, 1));
        assertThat(ledger.reservations("app")).extracting(Reservation::owner).containsExactly("run-2");
    }

    @Test
    void interruptedWaiterGivesUpWithoutReserving()
            throws Exception
    {
        ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 3);
        CapacityWaiter waiter = new CapacityWaiter(ledger, NEVER);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                waiter.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 0, 1);
            }
            catch (RuntimeException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        waiting.start();
        awaitBlocked(waiting);

        waiting.interrupt();
        waiting.join();

        assertThat(failure.get()).isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL));
        assertThat(stillInterrupted.get()).isTrue();
        assertThat(ledger.reservations("app")).extracting(Reservation::owner).containsExactly("run-1");
    }

    /** Until the thread waits on the release signal; the class timeout bounds it. */
    private static void awaitBlocked(Thread thread)
    {
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
    }
}
