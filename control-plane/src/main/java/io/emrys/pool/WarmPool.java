package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrys.application.Application;
import io.emrys.common.ApplicationId;
import io.emrys.common.WorkerType;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.ExecutorPlacement;
import io.emrys.compute.warm.WarmDriver;
import io.emrys.compute.warm.WarmDriverFit;
import io.emrys.compute.warm.WarmDriverWarmUp;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm drivers kept per application's {@code initialCapacity}: started at warm-up, handed to work whose
 * settings they can serve (or the reason it starts cold), and refilled in the background when one is taken or ends.
 */
final class WarmPool
{
    private static final Logger log = LoggerFactory.getLogger(WarmPool.class);
    private static final int WARM_FAILURE_LIMIT = 3;
    private static final Duration REFILL_DELAY = Duration.ofSeconds(20);

    private final ClusterManager cluster;
    private final WarmRequests warmRequests;
    private final StandaloneHosts hosts;
    private final ExecutorTracking tracking;
    private final ApplicationPools pools;
    private final CapacityLedger ledger;
    private final WorkerRecords records;
    private final Clock clock;
    private final Path poolRoot;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService threads;
    /** The application as it was when its pool was last warmed or taken from, for refills. */
    private final Map<String, Application> warmApplications = new ConcurrentHashMap<>();

    WarmPool(ClusterManager cluster, WarmRequests warmRequests, StandaloneHosts hosts, ExecutorTracking tracking, ApplicationPools pools,
            CapacityLedger ledger, WorkerRecords records, Clock clock, Path poolRoot, ScheduledExecutorService scheduler, ExecutorService threads)
    {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.warmRequests = requireNonNull(warmRequests, "warmRequests is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.pools = requireNonNull(pools, "pools is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.records = requireNonNull(records, "records is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.poolRoot = requireNonNull(poolRoot, "poolRoot is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.threads = requireNonNull(threads, "threads is null");
    }

    CompletableFuture<Optional<String>> warmUp(Application application)
    {
        JsonNode initial = application.configuration().initialCapacity().orElse(null);
        int warmDriverCount = initial == null ? 0 : initial.path("DRIVER").path("workerCount").asInt(0);
        int warmExecutorCount = initial == null ? 0 : initial.path("EXECUTOR").path("workerCount").asInt(0);
        if (warmDriverCount == 0 && warmExecutorCount == 0) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ApplicationPool pool = pools.get(application.id().value());
        int perDriver = warmDriverCount == 0 ? 0 : (warmExecutorCount + warmDriverCount - 1) / warmDriverCount;
        pool.activate(warmDriverCount, perDriver);
        CompletableFuture<Optional<String>> ready = CompletableFuture.supplyAsync(() -> warmUpNow(application, pool, warmDriverCount, warmExecutorCount), threads);
        pool.setWarmUp(ready);
        return ready;
    }

    private Optional<String> warmUpNow(Application application, ApplicationPool pool, int warmDriverCount, int warmExecutorCount)
    {
        hosts.master(application);
        if (warmDriverCount == 0) {
            return Optional.of(("%d pre-initialized EXECUTOR workers were not started: in Emrys executors register with a driver, "
                    + "so they need pre-initialized DRIVER capacity").formatted(warmExecutorCount));
        }
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (int i = 0; i < warmDriverCount; i++) {
            starting.add(startSlot(application, pool));
        }
        int failed = 0;
        String lastFailure = "";
        for (CompletableFuture<Void> slot : starting) {
            try {
                slot.get(StandaloneHosts.START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                failed++;
                lastFailure = Futures.rootMessage(e);
            }
        }
        if (failed > 0) {
            return Optional.of("%d of %d pre-initialized drivers could not be started (%s); work starts cold until they are replaced"
                    .formatted(failed, warmDriverCount, lastFailure));
        }
        return Optional.empty();
    }

    /** See {@link ComputePools#takeWarm}. */
    WarmTake take(Application application, WorkOwner owner, Map<String, String> wanted, SparkConfiguration configuration, Path workDir,
            boolean runtimeSettingsAllowed)
    {
        ApplicationPool pool = pools.get(application.id().value());
        Futures.awaitQuietly(pool.warmUp(), StandaloneHosts.START_TIMEOUT);
        if (pool.targetWarmDrivers() == 0) {
            return WarmTake.cold(Optional.empty());
        }
        WorkerSpec driverSpec = WorkerSizes.driver(application.configuration(), wanted);
        WorkerSpec executorSpec = WorkerSizes.executor(application.configuration(), wanted);
        List<String> reasons = new ArrayList<>();
        Optional<WarmSlot> taken = pool.take(slot -> {
            Optional<String> why = WarmMatch.whyCold(slot, wanted, driverSpec, executorSpec, runtimeSettingsAllowed);
            why.ifPresent(reasons::add);
            return why.isEmpty();
        });
        if (taken.isEmpty()) {
            String reason = reasons.isEmpty() ? "no pre-initialized driver was free" : reasons.get(0);
            return WarmTake.cold(Optional.of("Started cold: " + reason));
        }
        WarmSlot slot = taken.get();
        Instant now = clock.instant();
        records.stop(slot.workerId(), now, "handed to " + owner.describe());
        ledger.transfer(slot.workerId(), owner.reservationKey());
        slot.executors().handTo(owner, now);
        try {
            Files.createDirectories(workDir.getParent());
            Files.deleteIfExists(workDir);
            Files.createSymbolicLink(workDir, slot.workDir());
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "Could not link the work dir of " + owner.describe(), e);
        }
        CompletableFuture<Void> released = tracking.settleOnExit(owner, slot.executors(), slot.workDir(), slot.driver().process().onExit())
                .thenRun(() -> refillIfActive(application.id().value()));
        // The replacement starts when the taken driver ends, or after REFILL_DELAY if it runs longer: starting a
        // JVM at once would compete with the work that just arrived for a small machine's cores.
        warmApplications.put(application.id().value(), application);
        scheduler.schedule(() -> threads.execute(() -> refill(application)), REFILL_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        return WarmTake.warm(slot.driver(), slot.driverSpec(), WarmDriverFit.runtimeSqlConf(slot.baseline(), wanted), released);
    }

    /** Capacity was freed: an active pool may now start the warm drivers that did not fit. */
    void refillIfActive(String applicationId)
    {
        pools.find(applicationId).filter(ApplicationPool::isActive).ifPresent(pool -> threads.execute(() -> refillPool(pool)));
    }

    /** Stops the slots of a stopping application and waits until their drivers have exited. */
    void stop(List<WarmSlot> slots)
    {
        slots.forEach(slot -> slot.driver().stop(StandaloneHosts.STOP_GRACE));
        for (WarmSlot slot : slots) {
            Futures.awaitQuietly(slot.driver().process().onExit(), StandaloneHosts.START_TIMEOUT);
        }
    }

    private void refill(Application application)
    {
        warmApplications.put(application.id().value(), application);
        refillPool(pools.get(application.id().value()));
    }

    private void refillPool(ApplicationPool pool)
    {
        Application application = warmApplications.get(pool.applicationId());
        if (application == null) {
            return;
        }
        // one refill at a time per application, so two triggers never start the same missing driver twice
        synchronized (pool.refillLock()) {
            for (int i = pool.missingWarmDrivers(); i > 0; i--) {
                startSlot(application, pool).exceptionally(failure -> {
                    log.warn("A pre-initialized driver of application {} could not be started: {}", pool.applicationId(), Futures.rootMessage(failure));
                    return null;
                });
            }
        }
    }

    /** Starts one warm driver; the future completes when it is ready, exceptionally when it cannot be. */
    private CompletableFuture<Void> startSlot(Application application, ApplicationPool pool)
    {
        warmApplications.put(application.id().value(), application);
        String applicationId = application.id().value();
        String workerId = "warm-" + UUID.randomUUID().toString().substring(0, 12);
        Path workDir = poolRoot.resolve(applicationId).resolve(workerId);
        DriverLaunchRequest base = warmRequests.warmRequest(application, workerId, workDir);
        Map<String, String> baseline = DriverRequests.wantedProperties(base);
        WorkerSpec driver = WorkerSizes.driver(application.configuration(), baseline);
        WorkerSpec executor = WorkerSizes.executor(application.configuration(), baseline);
        Capacity maximum = WorkerSizes.maximum(application.configuration());
        int warmExecutors = pool.warmExecutorsPerDriver();
        // Each warm driver may scale into an equal share of the maximum, counting one more driver than the pool keeps:
        // a driver that was taken keeps its share while the pool starts its replacement.
        int share = Math.max(warmExecutors, DriverRequests.executorShare(maximum, driver, executor, pool.targetWarmDrivers() + 1));
        Optional<Reservation> reservation = ledger.reserve(applicationId, workerId, maximum, driver.capacity(), executor.capacity(),
                warmExecutors, Math.max(1, share));
        if (reservation.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("a pre-initialized driver (%s) with %d executors (%s each) does not fit in maximumCapacity (%s) beside the application's other workers"
                    .formatted(driver.capacity(), warmExecutors, executor.capacity(), maximum)));
        }
        WarmDriver warm;
        try {
            String masterUrl = hosts.master(application);
            ExecutorPlacement placement = new ExecutorPlacement(masterUrl, executor.cores(), new MemorySize(executor.memoryMb()), warmExecutors,
                    warmExecutors, reservation.get().maxExecutors(), workDir.resolve(ExecutorTracking.EVENTS_FILE), hosts.authSecretFile(application));
            // drivers of an application with sessions also load Spark Connect ahead, so a session's first query is fast
            boolean sessions = application.configuration().document().path("interactiveConfiguration").path("sessionEnabled").asBoolean(false);
            warm = cluster.launchWarmDriver(DriverRequests.withDriverSize(base, driver).withExecutors(placement),
                    sessions ? WarmDriverWarmUp.SPARK_SQL_AND_CONNECT : WarmDriverWarmUp.SPARK_SQL);
        }
        catch (RuntimeException e) {
            ledger.release(workerId);
            return CompletableFuture.failedFuture(e);
        }
        WorkOwner idle = WorkOwner.warm(new ApplicationId(applicationId), workerId);
        records.start(idle, workerId, WorkerType.DRIVER, driver.size(), true, clock.instant());
        ExecutorRecorder executors = tracking.track(workDir.resolve(ExecutorTracking.EVENTS_FILE), idle, executor.size());
        WarmSlot slot = new WarmSlot(workerId, workDir, warm, baseline, driver, executor, executors);
        pool.add(slot);
        if (!pool.isActive()) {
            // the application began stopping while this driver was being started: it must not outlive it
            warm.stop(StandaloneHosts.STOP_GRACE);
        }
        warm.process().onExit().whenComplete((exit, failure) -> slotEnded(pool, slot));
        return warm.ready().thenRun(() -> {
            if (slot.markReady()) {
                pool.warmSucceeded();
            }
        });
    }

    private void slotEnded(ApplicationPool pool, WarmSlot slot)
    {
        WarmSlot.State previous = slot.end();
        if (previous == WarmSlot.State.TAKEN) {
            return;
        }
        Instant now = clock.instant();
        String reason = pool.isActive() ? "the pre-initialized driver exited" : "the application was stopped";
        records.stop(slot.workerId(), now, reason);
        slot.executors().finish(now, reason);
        tracking.untrack(slot.executors());
        ledger.release(slot.workerId());
        pool.remove(slot);
        if (pool.isActive()) {
            // a warm driver that failed is replaced, but not forever: a broken configuration would loop
            if (previous == WarmSlot.State.STARTING && !pool.warmFailed(WARM_FAILURE_LIMIT)) {
                log.warn("Not replacing the pre-initialized drivers of application {} after {} failures in a row", pool.applicationId(), WARM_FAILURE_LIMIT);
                return;
            }
            threads.execute(() -> refillPool(pool));
        }
    }
}
