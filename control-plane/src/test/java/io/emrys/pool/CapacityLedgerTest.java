package io.emrys.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class CapacityLedgerTest
{
    private static final Capacity MAXIMUM = new Capacity(8, 16, 400);
    private static final Capacity SMALL = new Capacity(1, 1, 20);

    private final CapacityLedger ledger = new CapacityLedger();

    @Test
    void holdsEveryApplicationTogetherWithinTheAccountQuota()
    {
        CapacityLedger account = new CapacityLedger(10);

        assertThat(account.reserve("app-a", "run-1", MAXIMUM, SMALL, SMALL, 0, 5)).map(Reservation::maxExecutors).contains(5);
        // app-b's own maximum would allow 7 executors; the account has 4 vCPU left: the driver and 3 executors
        assertThat(account.reserve("app-b", "run-2", MAXIMUM, SMALL, SMALL, 1, 7)).map(Reservation::maxExecutors).contains(3);
        assertThat(account.accountReservedVcpu()).isEqualTo(10);
        assertThat(account.reserve("app-c", "run-3", MAXIMUM, SMALL, SMALL, 0, 1)).isEmpty();
        assertThat(account.reservations("app-c")).isEmpty();
    }

    @Test
    void releaseInOneApplicationWakesTheAccountsOtherWaiters()
    {
        CapacityLedger account = new CapacityLedger(4);
        assertThat(account.reserve("app-a", "run-1", MAXIMUM, SMALL, SMALL, 0, 3)).isPresent();
        CompletableFuture<Void> waiting = account.nextRelease("app-b");
        assertThat(account.reserve("app-b", "run-2", MAXIMUM, SMALL, SMALL, 0, 1)).isEmpty();

        account.release("run-1");

        assertThat(waiting).isDone();
        assertThat(account.reserve("app-b", "run-2", MAXIMUM, SMALL, SMALL, 0, 1)).isPresent();
    }

    @Test
    void holdCountsAnAdoptedDriverEvenPastTheLimits()
    {
        CapacityLedger account = new CapacityLedger(2);

        account.hold("app", "adopted", SMALL, SMALL, 3);

        assertThat(account.accountReservedVcpu()).isEqualTo(4);
        assertThat(account.reserve("app", "new", MAXIMUM, SMALL, SMALL, 0, 1)).isEmpty();
        assertThatThrownBy(() -> account.hold("app", "adopted", SMALL, SMALL, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void grantsTheWantedExecutorsWhenTheyFit()
    {
        Optional<Reservation> reservation = ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 3);

        assertThat(reservation).contains(new Reservation("app", "run-1", SMALL, SMALL, 3));
        assertThat(reservation.orElseThrow().total()).isEqualTo(new Capacity(4, 4, 80));
        assertThat(ledger.reserved("app")).isEqualTo(new Capacity(4, 4, 80));
    }

    @Test
    void grantsOnlyTheExecutorsThatFitBesideTheDriverAndOtherReservations()
    {
        assertThat(ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 3)).isPresent();

        // 8 vCPU - 4 reserved - 1 driver leaves room for 3 executors of 1 vCPU, not the 20 wanted.
        assertThat(ledger.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 1, 20)).map(Reservation::maxExecutors).contains(3);
        assertThat(ledger.reserved("app")).isEqualTo(new Capacity(8, 8, 160));
    }

    @Test
    void limitsExecutorsByWhicheverResourceRunsOutFirst()
    {
        Capacity memoryHeavy = new Capacity(1, 4, 20);

        // 16 GB - 1 GB driver leaves 15 GB: 3 executors of 4 GB, though vCPU would allow 7.
        assertThat(ledger.reserve("app", "run", MAXIMUM, SMALL, memoryHeavy, 1, 10)).map(Reservation::maxExecutors).contains(3);
    }

    @Test
    void waitsWhenNoExecutorFitsBesideTheDriver()
    {
        assertThat(ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 7)).isPresent();

        assertThat(ledger.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 0, 2)).isEmpty();
        assertThat(ledger.reservations("app")).extracting(Reservation::owner).containsExactly("run-1");
    }

    @Test
    void waitsWhenFewerThanTheMinimumExecutorsFit()
    {
        assertThat(ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 4)).isPresent();

        // 3 vCPU are left: a driver and 2 executors, but the run needs at least 3.
        assertThat(ledger.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 3, 5)).isEmpty();
        assertThat(ledger.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 2, 5)).map(Reservation::maxExecutors).contains(2);
    }

    @Test
    void waitsWhenTheDriverItselfDoesNotFit()
    {
        Capacity bigDriver = new Capacity(9, 1, 20);

        assertThat(ledger.reserve("app", "run", MAXIMUM, bigDriver, SMALL, 0, 1)).isEmpty();
        assertThat(ledger.reserved("app")).isEqualTo(Capacity.ZERO);
    }

    @Test
    void releaseFreesCapacityForWaitingWork()
    {
        assertThat(ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 7)).isPresent();
        assertThat(ledger.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 0, 7)).isEmpty();

        ledger.release("run-1");

        assertThat(ledger.reserved("app")).isEqualTo(Capacity.ZERO);
        assertThat(ledger.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 0, 7)).map(Reservation::maxExecutors).contains(7);
    }

    @Test
    void releasingTwiceOrWithoutAReservationChangesNothing()
    {
        ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 2);

        ledger.release("run-1");
        ledger.release("run-1");
        ledger.release("nobody");

        assertThat(ledger.reservations("app")).isEmpty();
    }

    @Test
    void transferMovesAWarmDriversReservationToTheRunAndKeepsTheTotal()
    {
        ledger.reserve("app", "warm-1", MAXIMUM, SMALL, SMALL, 0, 3);
        ledger.reserve("app", "run-0", MAXIMUM, SMALL, SMALL, 0, 1);
        Capacity before = ledger.reserved("app");

        Optional<Reservation> moved = ledger.transfer("warm-1", "run-1");

        assertThat(moved).contains(new Reservation("app", "run-1", SMALL, SMALL, 3));
        assertThat(ledger.reserved("app")).isEqualTo(before);
        assertThat(ledger.reservations("app")).extracting(Reservation::owner).containsExactlyInAnyOrder("run-0", "run-1");
        ledger.release("warm-1");
        assertThat(ledger.reserved("app")).isEqualTo(before);
        ledger.release("run-1");
        assertThat(ledger.reserved("app")).isEqualTo(new Capacity(2, 2, 40));
    }

    @Test
    void transferOfNothingIsEmpty()
    {
        assertThat(ledger.transfer("nobody", "run-1")).isEmpty();
        assertThat(ledger.reservations("app")).isEmpty();
    }

    @Test
    void refusesAnOwnerThatAlreadyHoldsAReservation()
    {
        ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 1);
        ledger.reserve("app", "run-2", MAXIMUM, SMALL, SMALL, 0, 1);

        assertThatThrownBy(() -> ledger.reserve("app", "run-1", MAXIMUM, SMALL, SMALL, 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.transfer("run-1", "run-2")).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.reserved("app")).isEqualTo(new Capacity(4, 4, 80));
    }

    @Test
    void refusesExecutorCountsThatCouldNeverRunTasks()
    {
        assertThatThrownBy(() -> ledger.reserve("app", "run", MAXIMUM, SMALL, SMALL, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.reserve("app", "run", MAXIMUM, SMALL, SMALL, 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.reserve("app", "run", MAXIMUM, SMALL, SMALL, -1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applicationsHaveSeparateMaximums()
    {
        assertThat(ledger.reserve("app-a", "run-a", MAXIMUM, SMALL, SMALL, 0, 7)).isPresent();

        assertThat(ledger.reserve("app-b", "run-b", MAXIMUM, SMALL, SMALL, 0, 7)).map(Reservation::maxExecutors).contains(7);
        assertThat(ledger.reserved("app-a")).isEqualTo(new Capacity(8, 8, 160));
        assertThat(ledger.reservations("app-b")).extracting(Reservation::owner).containsExactly("run-b");
    }

    @Test
    void anUnlimitedDiskDoesNotLimitExecutors()
    {
        Capacity noDiskLimit = new Capacity(8, 16, Double.POSITIVE_INFINITY);

        assertThat(ledger.reserve("app", "run", noDiskLimit, SMALL, new Capacity(1, 1, 500), 0, 20)).map(Reservation::maxExecutors).contains(7);
    }

    @Test
    void neverExceedsTheMaximumUnderARandomSequenceAndGrantsAllThatFits()
    {
        Random random = new Random(20261121);
        List<Capacity> maximums = List.of(new Capacity(8, 16, 400), new Capacity(5, 7, 90), new Capacity(16, 24.5, Double.POSITIVE_INFINITY));
        List<Capacity> sizes = List.of(new Capacity(1, 1, 20), new Capacity(2, 4, 20), new Capacity(1, 0.5, 30), new Capacity(1, 1000 / 1024.0, 20),
                new Capacity(4, 14, 20));
        List<String> owners = new ArrayList<>();
        int granted = 0;
        int waited = 0;
        int transferred = 0;
        for (int step = 0; step < 5_000; step++) {
            int app = random.nextInt(maximums.size());
            String applicationId = "app-" + app;
            Capacity maximum = maximums.get(app);
            int action = random.nextInt(10);
            if (action < 6) {
                String owner = "owner-" + step;
                Capacity driver = sizes.get(random.nextInt(sizes.size()));
                Capacity executor = sizes.get(random.nextInt(sizes.size()));
                int minExecutors = random.nextInt(3);
                int wanted = Math.max(1, minExecutors) + random.nextInt(6);
                Capacity before = ledger.reserved(applicationId);
                Optional<Reservation> reservation = ledger.reserve(applicationId, owner, maximum, driver, executor, minExecutors, wanted);
                if (reservation.isPresent()) {
                    granted++;
                    owners.add(owner);
                    int n = reservation.get().maxExecutors();
                    assertThat(n).isBetween(Math.max(1, minExecutors), wanted);
                    if (n < wanted) {
                        // The grant is the largest that fits: one more executor would not.
                        assertThat(before.plus(driver).plus(executor.times(n + 1)).fitsIn(maximum)).isFalse();
                    }
                }
                else {
                    waited++;
                    assertThat(ledger.reserved(applicationId)).isEqualTo(before);
                    // Waiting was right: the driver with the minimum executors did not fit.
                    assertThat(before.plus(driver).plus(executor.times(Math.max(1, minExecutors))).fitsIn(maximum)).isFalse();
                }
            }
            else if (action < 9 && !owners.isEmpty()) {
                ledger.release(owners.remove(random.nextInt(owners.size())));
            }
            else if (!owners.isEmpty()) {
                String from = owners.remove(random.nextInt(owners.size()));
                String to = "taken-" + step;
                String fromApplication = ledgerApplicationOf(from, maximums.size());
                Capacity before = ledger.reserved(fromApplication);
                assertThat(ledger.transfer(from, to)).isPresent();
                assertThat(ledger.reserved(fromApplication)).isEqualTo(before);
                owners.add(to);
                transferred++;
            }
            for (int i = 0; i < maximums.size(); i++) {
                String id = "app-" + i;
                Capacity sum = ledger.reservations(id).stream().map(Reservation::total).reduce(Capacity.ZERO, Capacity::plus);
                assertThat(ledger.reserved(id)).isEqualTo(sum);
                assertThat(sum.fitsIn(maximums.get(i))).as("step %d, %s holds %s of %s", step, id, sum, maximums.get(i)).isTrue();
            }
        }
        // The sequence exercised every path, so the checks above were not vacuous.
        assertThat(granted).isGreaterThan(100);
        assertThat(waited).isGreaterThan(100);
        assertThat(transferred).isGreaterThan(100);
    }

    private String ledgerApplicationOf(String owner, int applications)
    {
        for (int i = 0; i < applications; i++) {
            String id = "app-" + i;
            if (ledger.reservations(id).stream().anyMatch(reservation -> reservation.owner().equals(owner))) {
                return id;
            }
        }
        throw new AssertionError("no reservation for " + owner);
    }
}
