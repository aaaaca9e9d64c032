package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.application.ApplicationCapacity;
import io.emrys.common.ApplicationId;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.standalone.StandaloneHost;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.metering.WorkerRows;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every application's compute, as job runs and sessions see it: a Spark standalone host per application
 * ({@link StandaloneHosts}), warm drivers kept per {@code initialCapacity} ({@link WarmPool}), cold drivers admitted
 * within {@code maximumCapacity} ({@link ColdAdmission}), executor records and logs ({@link ExecutorTracking}) and
 * recovery after a restart ({@link PoolRecovery}). This class wires them together and owns their threads.
 *
 * <p>Threads: one scheduler reads executor events every second and schedules delayed refills; a cached pool starts
 * and stops JVMs, so that callers never wait for a warm driver they did not take.
 */
public final class ComputePools
        implements ApplicationCapacity, AutoCloseable
{
    private static final Duration RELEASE_RECHECK = Duration.ofSeconds(5);

    private final ApplicationPools pools = new ApplicationPools();
    private final ScheduledExecutorService poller;
    private final ExecutorService threads;
    private final CapacityLedger ledger;
    private final StandaloneHosts hosts;
    private final WarmPool warm;
    private final ColdAdmission cold;
    private final ExecutorTracking tracking;
    private final PoolRecovery recovery;

    public ComputePools(RuntimeCatalog runtimes, ClusterManager cluster, CapacityLedger ledger,
            WorkerRows workers, Clock clock, Path poolRoot, WarmRequests warmRequests)
    {
        requireNonNull(cluster, "cluster is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        WorkerRecords records = new WorkerRecords(workers);
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "emrys-executor-records"));
        this.threads = Executors.newCachedThreadPool(runnable -> daemon(runnable, "emrys-pool"));
        this.hosts = new StandaloneHosts(runtimes, cluster, pools, poolRoot, threads);
        this.tracking = new ExecutorTracking(cluster, records, ledger, this.hosts, clock);
        this.warm = new WarmPool(cluster, warmRequests, this.hosts, tracking, pools, ledger, records, clock, poolRoot, poller, threads);
        // waits for capacity are woken by the ledger's release signals; the recheck only bounds a missed one
        this.cold = new ColdAdmission(this.hosts, ledger, new CapacityWaiter(ledger, RELEASE_RECHECK));
        this.recovery = new PoolRecovery(cluster, this.hosts, tracking, ledger, records, clock, poolRoot);
        poller.scheduleWithFixedDelay(tracking::pollAll, 1, 1, TimeUnit.SECONDS);
    }

    /** The application's initial capacity must fit in the vCPU the account's quota leaves free beside all other work. */
    @Override
    public void checkQuota(Application application)
    {
        WorkerSizes.InitialCapacity initial = WorkerSizes.initialCapacity(application.configuration());
        double free = ledger.accountLimit().vcpu() - ledger.accountReservedVcpu();
        if (initial.total().vcpu() > free + 1e-9) {
            throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, ("The initial capacity (%s) needs more vCPU than the account's quota of concurrent "
                    + "vCPUs (%s) leaves free (%s)").formatted(initial, ColdAdmission.formatVcpu(ledger.accountLimit().vcpu()), ColdAdmission.formatVcpu(Math.max(0, free))));
        }
    }

    @Override
    public CompletableFuture<Optional<String>> warmUp(Application application)
    {
        return warm.warmUp(application);
    }

    @Override
    public CompletableFuture<Void> release(ApplicationId id)
    {
        Optional<ApplicationPool> pool = pools.find(id.value());
        if (pool.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<WarmSlot> slots = pool.get().deactivate();
        Optional<CompletableFuture<StandaloneHost>> host = pool.get().removeHost();
        if (slots.isEmpty() && host.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        // the host goes last: the warm drivers' executors run on it
        return CompletableFuture.runAsync(() -> {
            warm.stop(slots);
            host.ifPresent(hosts::stop);
        }, threads);
    }

    /**
     * Takes a warm driver for {@code owner} when one is ready and {@code wanted} (the work's Spark properties,
     * application and work level) can run on it. The driver's idle record ends here, its reservation moves to the
     * owner and its work dir becomes {@code workDir} (a symbolic link), so logs, event logs and the exit code are
     * found where the owner looks for them. Otherwise says why the work starts cold.
     */
    public WarmTake takeWarm(Application application, WorkOwner owner, Map<String, String> wanted, SparkConfiguration configuration, Path workDir,
            boolean runtimeSettingsAllowed)
    {
        return warm.take(application, owner, wanted, configuration, workDir, runtimeSettingsAllowed);
    }

    /**
     * Reserves capacity for a cold driver of {@code owner} and returns where its executors go. Blocks while the
     * application's other workers leave no room (work that does not fit waits, woken by releases); throws
     * VALIDATION when it could never fit, and INTERNAL when the waiting thread is interrupted.
     */
    public ColdPlacement reserveCold(Application application, WorkOwner owner, Map<String, String> wanted, Path workDir)
    {
        return cold.reserve(application, owner, wanted, workDir);
    }

    /**
     * Watches a cold driver started with a {@link #reserveCold} placement: records its executors, and at its end
     * closes their records, archives their logs next to the driver's and frees its reservation. The returned
     * future completes when that is done.
     */
    public CompletableFuture<Void> watchCold(WorkOwner owner, ColdPlacement placement, CompletableFuture<?> onExit)
    {
        Path eventsFile = placement.placement().workerEventsFile();
        ExecutorRecorder recorder = tracking.track(eventsFile, owner, placement.executor().size());
        return tracking.settleOnExit(owner, recorder, eventsFile.getParent(), onExit)
                .thenRun(() -> warm.refillIfActive(owner.applicationId().value()));
    }

    /** A driver that launching failed for: frees what {@link #reserveCold} reserved. */
    public void abandon(WorkOwner owner)
    {
        cold.abandon(owner);
    }

    /**
     * After a control plane restart: resumes the executor records of a driver that is still alive, reading its
     * events file from the start (records are inserted once), and reserves its capacity again.
     */
    public CompletableFuture<Void> adopt(Application application, WorkOwner owner, Path workDir, CompletableFuture<?> onExit)
    {
        return recovery.adopt(application, owner, workDir, onExit)
                .thenRun(() -> warm.refillIfActive(owner.applicationId().value()));
    }

    /**
     * After a control plane restart, before applications resume: re-attaches each application's standalone host
     * that still runs (adopted drivers keep their executors), stops warm drivers nobody took (they are started
     * again by the application's warm-up), and ends the idle records the previous control plane left open.
     */
    public void recover()
    {
        recovery.recover();
    }

    /** The capacity an application's running workers reserve now (for its current usage). */
    public Capacity reserved(ApplicationId id)
    {
        return ledger.reserved(id.value());
    }

    /** See {@link DriverRequests#wantedProperties}; kept here for callers. */
    public static Map<String, String> wantedProperties(DriverLaunchRequest request)
    {
        return DriverRequests.wantedProperties(request);
    }

    /** See {@link DriverRequests#withDriverSize}; kept here for callers. */
    public static DriverLaunchRequest withDriverSize(DriverLaunchRequest request, WorkerSpec driver)
    {
        return DriverRequests.withDriverSize(request, driver);
    }

    /** Stops every application's warm drivers and host (server shutdown). */
    @Override
    public void close()
    {
        List<CompletableFuture<Void>> releasing = new ArrayList<>();
        for (String applicationId : pools.applicationIds()) {
            releasing.add(release(new ApplicationId(applicationId)));
        }
        releasing.forEach(future -> Futures.awaitQuietly(future, StandaloneHosts.START_TIMEOUT));
        poller.shutdownNow();
        threads.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name)
    {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
