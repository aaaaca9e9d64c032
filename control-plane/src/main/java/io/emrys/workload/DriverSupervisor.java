package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.common.SessionId;
import io.emrys.common.WorkerType;
import io.emrys.metering.WorkerRows;
import io.emrys.pool.WorkOwner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live drivers of one kind of work (job-run attempts, sessions, later cluster steps), keyed by their owner: it
 * watches each until it ends and then hands the end to the work's {@link WorkEnd}, stops them on request and at
 * shutdown, finds them again after a restart, and writes their drivers' worker records. The work's own state
 * machine stays with its service; this class is the part every kind of work shares.
 *
 * <p>Threading: ends are handled on {@code ends}, never on the thread that completes a driver's exit, so a
 * service's transition is never run inside compute's callbacks.
 */
public final class DriverSupervisor
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(DriverSupervisor.class);

    private final WorkerRows rows;
    private final Clock clock;
    private final Executor ends;
    private final Duration stopGrace;
    private final Map<WorkOwner, Watched> live = new ConcurrentHashMap<>();

    public DriverSupervisor(WorkerRows rows, Clock clock, Executor ends, Duration stopGrace)
    {
        this.rows = requireNonNull(rows, "rows is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.ends = requireNonNull(ends, "ends is null");
        this.stopGrace = requireNonNull(stopGrace, "stopGrace is null");
    }

    /** Writes the worker record of {@code owner}'s driver, inside the transaction of the transition that names it. */
    public void recordStarted(Handle handle, WorkOwner owner, DriverHandle driver, Instant at)
    {
        rows.started(handle, owner.startedWorker(owner.driverWorkerId(), WorkerType.DRIVER, driver.size(), driver.preInitialized(), at), owner.sessionId().map(SessionId::value));
    }

    /** Ends the worker record of {@code owner}'s driver, inside the transaction of the transition that ends the work. */
    public void recordStopped(Handle handle, WorkOwner owner, Instant at, String reason)
    {
        rows.stopped(handle, owner.driverWorkerId(), at, reason);
    }

    /** Ends the worker record of {@code owner}'s driver in a transaction of its own. */
    public void recordStopped(WorkOwner owner, Instant at, String reason)
    {
        rows.stop(owner.driverWorkerId(), at, reason);
    }

    /** Watches a driver: it is live until it ends; then {@code end} publishes the logs and records the end. */
    public void watch(WorkOwner owner, DriverHandle driver, WorkEnd end)
    {
        CompletableFuture<Void> handled = new CompletableFuture<>();
        Watched watched = new Watched(driver, handled);
        live.put(owner, watched);
        driver.onExit().whenCompleteAsync((outcome, failure) -> {
            try {
                end.publishLogs();
                end.ended(failure == null ? outcome : DriverOutcome.lost(failure));
            }
            catch (RuntimeException e) {
                log.error("Could not record the end of the driver of {}", owner.describe(), e);
            }
            finally {
                live.remove(owner, watched);
                handled.complete(null);
            }
        }, ends);
    }

    /**
     * After a restart: watches the driver of {@code owner} when it still runs; otherwise ends the work with the
     * outcome the driver left behind, or as lost when it left none (its worker record then ends as "lost").
     */
    public void recover(WorkOwner owner, Optional<DriverHandle> alive, Supplier<Optional<DriverOutcome>> recordedExit, WorkEnd end)
    {
        if (alive.isPresent()) {
            log.info("Re-adopted the driver of {} ({})", owner.describe(), alive.get().ref());
            watch(owner, alive.get(), end);
            return;
        }
        Optional<DriverOutcome> outcome = recordedExit.get();
        if (outcome.isPresent()) {
            end.publishLogs();
            end.ended(outcome.get());
            return;
        }
        recordStopped(owner, clock.instant(), "lost");
        end.lost();
    }

    public Optional<DriverHandle> live(WorkOwner owner)
    {
        return Optional.ofNullable(live.get(owner)).map(Watched::driver);
    }

    /** Asks {@code owner}'s driver to stop, on {@code ends}; false when it has none live. Its end arrives through its watch. */
    public boolean stop(WorkOwner owner)
    {
        return stop(owner, Optional.empty());
    }

    /**
     * Like {@link #stop(WorkOwner)}, with the time the driver gets after SIGTERM before it is killed (zero: killed
     * at once); empty for this supervisor's stop grace.
     */
    public boolean stop(WorkOwner owner, Optional<Duration> grace)
    {
        requireNonNull(grace, "grace is null");
        Watched watched = live.get(owner);
        if (watched == null) {
            return false;
        }
        Duration given = grace.orElse(stopGrace);
        ends.execute(() -> watched.driver().stop(given));
        return true;
    }

    /** Stops {@code driver} now, on the calling thread (a driver that has just started for work already ending). */
    public void stopNow(DriverHandle driver)
    {
        driver.stop(stopGrace);
    }

    public List<WorkOwner> liveOwners()
    {
        return List.copyOf(live.keySet());
    }

    /**
     * Waits until the live drivers have ended and their ends are recorded, up to the stop grace (plus time to
     * archive logs) each; for shutdown, so that the work's final states are stored before the threads stop.
     */
    public void awaitEnds()
    {
        for (Map.Entry<WorkOwner, Watched> entry : Map.copyOf(live).entrySet()) {
            try {
                entry.getValue().handled().get(stopGrace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                log.warn("The driver of {} ({}) did not stop in time", entry.getKey().describe(), entry.getValue().driver().ref());
            }
        }
    }

    /** Stops every live driver and waits for their ends to be recorded (server shutdown). */
    @Override
    public void close()
    {
        live.values().stream().map(Watched::driver).toList().forEach(this::stopNow);
        awaitEnds();
    }

    /** @param handled completes once the driver's end has been handed to its work */
    private record Watched(DriverHandle driver, CompletableFuture<Void> handled) {}
}
