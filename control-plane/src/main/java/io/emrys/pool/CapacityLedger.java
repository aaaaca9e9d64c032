package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Which drivers hold how much of each application's maximum capacity. The rule: a driver reserves itself plus its
 * executor ceiling when it starts, and work that does not fit waits. Reserving the ceiling up front (rather than
 * each executor as Spark asks for it) means a running job can always scale to the executors it was granted, and
 * two runs never deadlock each holding half of what both need.
 *
 * <p>The ledger only counts; it starts nothing and does not queue. A caller whose {@link #reserve} is empty keeps
 * the work waiting and tries again when a {@link #release} frees capacity: {@link #nextRelease} tells it when.
 *
 * <p>Above the applications sits the account: the vCPU of every application's reservations together stay within the
 * account's concurrent-vCPU quota, counted the same way (driver plus executor ceiling). A reservation that would pass
 * it is not granted, so the work waits as it waits for its application's maximum; a release therefore wakes the
 * waiters of every application, since any of them may now fit.
 *
 * <p>Thread-safe: every method holds the ledger's lock for a few map operations, so reservations made from
 * different threads are checked against each other. Release signals complete after the lock is let go, so whatever
 * runs on them may call the ledger again.
 */
public final class CapacityLedger
{
    // Keyed by owner, in reservation order, so reservations(applicationId) lists them oldest first.
    private final Map<String, Reservation> byOwner = new LinkedHashMap<>();
    // Per application, completed and dropped by the next release of one of its reservations.
    private final Map<String, CompletableFuture<Void>> releaseSignals = new HashMap<>();
    private final double accountVcpus;

    /** A ledger with no account-level limit. */
    public CapacityLedger()
    {
        this(Double.POSITIVE_INFINITY);
    }

    /** @param accountVcpus the account's concurrent-vCPU quota across applications */
    public CapacityLedger(double accountVcpus)
    {
        if (Double.isNaN(accountVcpus) || accountVcpus <= 0) {
            throw new IllegalArgumentException("accountVcpus must be positive: " + accountVcpus);
        }
        this.accountVcpus = accountVcpus;
    }

    /**
     * Reserves a driver and as many executors as it wants and still fit: {@code maxExecutors} is the smaller of
     * {@code wantedMaxExecutors} and the largest count that fits within {@code maximum} beside the driver and the
     * application's other reservations. Empty, and nothing reserved, when fewer than {@code max(minExecutors, 1)}
     * executors would fit: a driver without any executor cannot run tasks. The account's concurrent-vCPU quota limits
     * both the same way, counting every application's reservations.
     *
     * @throws IllegalArgumentException when {@code wantedMaxExecutors} is below 1 or below {@code minExecutors}
     * @throws IllegalStateException when {@code owner} already holds a reservation
     */
    public synchronized Optional<Reservation> reserve(String applicationId, String owner, Capacity maximum, Capacity driver,
            Capacity executor, int minExecutors, int wantedMaxExecutors)
    {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(maximum, "maximum is null");
        requireNonNull(driver, "driver is null");
        requireNonNull(executor, "executor is null");
        int required = Math.max(minExecutors, 1);
        if (minExecutors < 0 || wantedMaxExecutors < required) {
            throw new IllegalArgumentException("executors wanted must be at least 1 and minExecutors (0 <= %d <= %d)"
                    .formatted(minExecutors, wantedMaxExecutors));
        }
        if (byOwner.containsKey(owner)) {
            throw new IllegalStateException("owner already holds a reservation: " + owner);
        }
        Capacity used = reserved(applicationId).plus(driver);
        Capacity accountUsed = new Capacity(accountReservedVcpu() + driver.vcpu(), 0, 0);
        Capacity account = accountLimit();
        if (!used.fitsIn(maximum) || !accountUsed.fitsIn(account)) {
            return Optional.empty();
        }
        int granted = Math.min(wantedMaxExecutors, executorsThatFit(maximum, used, executor, wantedMaxExecutors));
        granted = Math.min(granted, executorsThatFit(account, accountUsed, new Capacity(executor.vcpu(), 0, 0), wantedMaxExecutors));
        if (granted < required) {
            return Optional.empty();
        }
        Reservation reservation = new Reservation(applicationId, owner, driver, executor, granted);
        byOwner.put(owner, reservation);
        return Optional.of(reservation);
    }

    /**
     * Frees what the owner holds and signals the application's waiters; nothing when it holds nothing, so every exit
     * path may call it.
     */
    public void release(String owner)
    {
        requireNonNull(owner, "owner is null");
        List<CompletableFuture<Void>> signals;
        synchronized (this) {
            Reservation released = byOwner.remove(owner);
            if (released == null) {
                return;
            }
            if (Double.isInfinite(accountVcpus)) {
                CompletableFuture<Void> own = releaseSignals.remove(released.applicationId());
                signals = own == null ? List.of() : List.of(own);
            }
            else {
                // the account's quota is shared: what this release frees may be what another application waits for
                signals = List.copyOf(releaseSignals.values());
                releaseSignals.clear();
            }
        }
        signals.forEach(signal -> signal.complete(null));
    }

    /**
     * Holds a reservation without checking any limit: for a driver that already runs (one adopted after a restart),
     * which must count against the application and the account even if the limits were lowered meanwhile.
     *
     * @throws IllegalStateException when {@code owner} already holds a reservation
     */
    public synchronized Reservation hold(String applicationId, String owner, Capacity driver, Capacity executor, int maxExecutors)
    {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(owner, "owner is null");
        if (byOwner.containsKey(owner)) {
            throw new IllegalStateException("owner already holds a reservation: " + owner);
        }
        Reservation reservation = new Reservation(applicationId, owner, requireNonNull(driver, "driver is null"), requireNonNull(executor, "executor is null"),
                maxExecutors);
        byOwner.put(owner, reservation);
        return reservation;
    }

    /** The account's quota as a limit on vCPU only; memory and disk are not limited across the account. */
    public Capacity accountLimit()
    {
        return new Capacity(accountVcpus, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** The vCPU every application's reservations hold together. */
    public synchronized double accountReservedVcpu()
    {
        double sum = 0;
        for (Reservation reservation : byOwner.values()) {
            sum += reservation.total().vcpu();
        }
        return sum;
    }

    /**
     * Completes at the next {@link #release} of one of the application's reservations. Take it before a
     * {@link #reserve} that may come back empty: a release between the two then still completes it, so a waiter
     * cannot miss the capacity it waits for. Each caller gets its own copy, so one that completes or cancels it
     * does not wake the others.
     */
    public synchronized CompletableFuture<Void> nextRelease(String applicationId)
    {
        requireNonNull(applicationId, "applicationId is null");
        return releaseSignals.computeIfAbsent(applicationId, ignored -> new CompletableFuture<>()).copy();
    }

    /**
     * Moves a reservation to a new owner, unchanged: a warm driver's capacity becomes the run's that takes it, so
     * the application's total stays the same and no other work can slip in between. Empty when {@code fromOwner}
     * holds nothing.
     *
     * @throws IllegalStateException when {@code toOwner} already holds a reservation
     */
    public synchronized Optional<Reservation> transfer(String fromOwner, String toOwner)
    {
        requireNonNull(fromOwner, "fromOwner is null");
        requireNonNull(toOwner, "toOwner is null");
        Reservation held = byOwner.get(fromOwner);
        if (held == null) {
            return Optional.empty();
        }
        if (fromOwner.equals(toOwner)) {
            return Optional.of(held);
        }
        if (byOwner.containsKey(toOwner)) {
            throw new IllegalStateException("owner already holds a reservation: " + toOwner);
        }
        byOwner.remove(fromOwner);
        Reservation moved = held.withOwner(toOwner);
        byOwner.put(toOwner, moved);
        return Optional.of(moved);
    }

    /** The sum of the application's reservations. */
    public synchronized Capacity reserved(String applicationId)
    {
        requireNonNull(applicationId, "applicationId is null");
        Capacity sum = Capacity.ZERO;
        for (Reservation reservation : byOwner.values()) {
            if (reservation.applicationId().equals(applicationId)) {
                sum = sum.plus(reservation.total());
            }
        }
        return sum;
    }

    /** The application's reservations, oldest first. */
    public synchronized List<Reservation> reservations(String applicationId)
    {
        requireNonNull(applicationId, "applicationId is null");
        return byOwner.values().stream()
                .filter(reservation -> reservation.applicationId().equals(applicationId))
                .toList();
    }

    /** The largest count, up to {@code cap}, of executors that fit beside what is {@code used}. */
    private static int executorsThatFit(Capacity maximum, Capacity used, Capacity executor, int cap)
    {
        int fit = cap;
        fit = Math.min(fit, count(maximum.vcpu() - used.vcpu(), executor.vcpu(), cap));
        fit = Math.min(fit, count(maximum.memoryGb() - used.memoryGb(), executor.memoryGb(), cap));
        fit = Math.min(fit, count(maximum.diskGb() - used.diskGb(), executor.diskGb(), cap));
        // The division can round either way at an exact boundary; confirm with the same test reserve() promises.
        while (fit > 0 && !used.plus(executor.times(fit)).fitsIn(maximum)) {
            fit--;
        }
        return fit;
    }

    private static int count(double free, double each, int cap)
    {
        if (each <= 0 || Double.isInfinite(free)) {
            return cap;
        }
        double count = Math.floor((free + 1e-9) / each);
        return count >= cap ? cap : (int) Math.max(0, count);
    }
}
