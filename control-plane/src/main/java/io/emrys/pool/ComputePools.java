package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrys.application.Application;
import io.emrys.application.ApplicationCapacity;
import io.emrys.application.ApplicationId;
import io.emrys.compute.DriverLaunchRequest;
import io.emrys.compute.ExecutorPlacement;
import io.emrys.compute.MemorySize;
import io.emrys.compute.RuntimeCatalog;
import io.emrys.compute.SparkConfiguration;
import io.emrys.compute.StandaloneHost;
import io.emrys.compute.StandaloneHostLauncher;
import io.emrys.compute.WarmDriver;
import io.emrys.compute.WarmDriverFit;
import io.emrys.compute.WarmDriverLauncher;
import io.emrys.compute.WarmDriverWarmUp;
import io.emrys.compute.WorkerEvents;
import io.emrys.error.EmrysException;
import io.emrys.metering.WorkerType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every application's compute: a Spark standalone host per application (master and worker in one JVM, started
 * with the first work or with pre-initialized capacity, stopped with the application), warm drivers kept per
 * {@code initialCapacity} and refilled in the background, and the capacity ledger that keeps all workers of an
 * application within {@code maximumCapacity}.
 *
 * <p>Drivers reach executors through the host; the driver agent's listener writes executor starts and stops to a
 * file in the driver's work dir, which {@link ExecutorRecorder}s turn into worker records every second.
 */
public final class ComputePools
        implements ApplicationCapacity, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(ComputePools.class);
    static final String EVENTS_FILE = "worker-events.jsonl";
    private static final String HOST_DIR = "standalone-host";
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final long CAPACITY_POLL_MILLIS = 200;
    private static final int WARM_FAILURE_LIMIT = 3;
    private static final Duration REFILL_DELAY = Duration.ofSeconds(20);
    /** Settings a warm driver does not need to share with the work it takes: Emrys sets them per driver. */
    private static final Set<String> PER_DRIVER_KEYS = Set.of("spark.app.name", "spark.ui.proxyBase",
            "spark.driver.cores", "spark.driver.memory", "spark.executor.cores", "spark.executor.memory");

    private final RuntimeCatalog runtimes;
    private final StandaloneHostLauncher hosts;
    private final WarmDriverLauncher warmDrivers;
    private final CapacityLedger ledger;
    private final WorkerRecords records;
    private final Clock clock;
    private final Path poolRoot;
    /** Reads executor events every second, and schedules delayed refills. */
    private final ScheduledExecutorService poller;
    private final ExecutorService threads;
    private final Map<String, ApplicationPool> pools = new ConcurrentHashMap<>();
    private final Set<ExecutorRecorder> recorders = ConcurrentHashMap.newKeySet();
    /** The application as it was when its pool was last warmed or taken from, for refills. */
    private final Map<String, Application> warmApplications = new ConcurrentHashMap<>();
    private final WarmRequests warmRequests;
    private final WorkerEvents events = new WorkerEvents(new com.fasterxml.jackson.databind.ObjectMapper());

    public ComputePools(RuntimeCatalog runtimes, StandaloneHostLauncher hosts, WarmDriverLauncher warmDrivers, CapacityLedger ledger,
            io.emrys.store.Transactions transactions, io.emrys.metering.WorkerDao workers, Clock clock, Path poolRoot, WarmRequests warmRequests)
    {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.warmDrivers = requireNonNull(warmDrivers, "warmDrivers is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.records = new WorkerRecords(transactions, workers);
        this.clock = requireNonNull(clock, "clock is null");
        this.poolRoot = requireNonNull(poolRoot, "poolRoot is null");
        this.warmRequests = requireNonNull(warmRequests, "warmRequests is null");
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "emrys-executor-records"));
        this.threads = Executors.newCachedThreadPool(runnable -> daemon(runnable, "emrys-pool"));
        poller.scheduleWithFixedDelay(this::pollRecorders, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public CompletableFuture<Optional<String>> warmUp(Application application)
    {
        JsonNode initial = application.configuration().initialCapacity().orElse(null);
        int warmDriverCount = initial == null ? 0 : initial.path("DRIVER").path("workerCount").asInt(0);
        int warmExecutorCount = initial == null ? 0 : initial.path("EXECUTOR").path("workerCount").asInt(0);
        if (warmDriverCount == 0 && warmExecutorCount == 0) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ApplicationPool pool = pool(application.id().value());
        int perDriver = warmDriverCount == 0 ? 0 : (warmExecutorCount + warmDriverCount - 1) / warmDriverCount;
        pool.activate(warmDriverCount, perDriver);
        CompletableFuture<Optional<String>> ready = CompletableFuture.supplyAsync(() -> warmUpNow(application, pool, warmDriverCount, warmExecutorCount), threads);
        pool.setWarmUp(ready);
        return ready;
    }

    private Optional<String> warmUpNow(Application application, ApplicationPool pool, int warmDriverCount, int warmExecutorCount)
    {
        master(application, pool);
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
                slot.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                failed++;
                lastFailure = rootMessage(e);
            }
        }
        if (failed > 0) {
            return Optional.of("%d of %d pre-initialized drivers could not be started (%s); work starts cold until they are replaced"
                    .formatted(failed, warmDriverCount, lastFailure));
        }
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Void> release(ApplicationId id)
    {
        ApplicationPool pool = pools.get(id.value());
        if (pool == null) {
            return CompletableFuture.completedFuture(null);
        }
        List<WarmSlot> slots = pool.deactivate();
        Optional<CompletableFuture<StandaloneHost>> host = pool.removeHost();
        if (slots.isEmpty() && host.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> {
            slots.forEach(slot -> slot.driver().stop(STOP_GRACE));
            for (WarmSlot slot : slots) {
                await(slot.driver().process().onExit());
            }
            host.ifPresent(started -> started.thenAccept(running -> running.stop(STOP_GRACE)).exceptionally(failure -> null).join());
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
        ApplicationPool pool = pool(application.id().value());
        await(pool.warmUp());
        if (pool.targetWarmDrivers() == 0) {
            return WarmTake.cold(Optional.empty());
        }
        WorkerSpec driverSpec = WorkerSizes.driver(application.configuration(), wanted);
        WorkerSpec executorSpec = WorkerSizes.executor(application.configuration(), wanted);
        List<String> reasons = new ArrayList<>();
        Optional<WarmSlot> taken = pool.take(slot -> {
            Optional<String> why = whyCold(slot, wanted, configuration, driverSpec, executorSpec, runtimeSettingsAllowed);
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
            throw new EmrysException(io.emrys.error.ErrorCode.INTERNAL, "Could not link the work dir of " + owner.describe(), e);
        }
        CompletableFuture<Void> released = slot.driver().process().onExit()
                .handle((exit, failure) -> driverEnded(application.id().value(), owner, slot.executors(), slot.workDir()));
        // The replacement starts when the taken driver ends, or after REFILL_DELAY if it runs longer: starting a
        // JVM at once would compete with the work that just arrived for a small machine's cores.
        warmApplications.put(application.id().value(), application);
        poller.schedule(() -> threads.execute(() -> refill(application)), REFILL_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        return WarmTake.warm(slot.driver(), slot.driverSpec(), WarmDriverFit.runtimeSqlConf(slot.baseline(), wanted), released);
    }

    /**
     * Reserves capacity for a cold driver of {@code owner} and returns where its executors go. Blocks while the
     * application's other workers leave no room (work that does not fit waits); throws VALIDATION when it could
     * never fit, and CONFLICT when the application stops meanwhile.
     */
    public ColdPlacement reserveCold(Application application, WorkOwner owner, Map<String, String> wanted, Path workDir)
    {
        ApplicationPool pool = pool(application.id().value());
        String masterUrl = master(application, pool);
        WorkerSpec driver = WorkerSizes.driver(application.configuration(), wanted);
        WorkerSpec executor = WorkerSizes.executor(application.configuration(), wanted);
        Capacity maximum = WorkerSizes.maximum(application.configuration());
        boolean dynamic = !"false".equalsIgnoreCase(wanted.getOrDefault("spark.dynamicAllocation.enabled", "true").strip());
        int min = dynamic ? intProperty(wanted, "spark.dynamicAllocation.minExecutors", 0) : intProperty(wanted, "spark.executor.instances", 1);
        // Without a maxExecutors of its own a driver reserves at most half of what the empty application could
        // hold (at least one executor), so that one job cannot keep every other job of the application waiting.
        int defaultMax = Math.max(Math.max(1, min), executorShare(maximum, driver, executor, 1) / 2);
        int wantedMax = dynamic ? intProperty(wanted, "spark.dynamicAllocation.maxExecutors", defaultMax) : Math.max(1, min);
        if (wantedMax < Math.max(1, min)) {
            throw EmrysException.validation("spark.dynamicAllocation.maxExecutors (%d) must be at least 1 and at least spark.dynamicAllocation.minExecutors (%d)"
                    .formatted(wantedMax, min));
        }
        Capacity smallest = driver.capacity().plus(executor.capacity().times(Math.max(1, min)));
        if (!smallest.fitsIn(maximum)) {
            throw EmrysException.validation(("The driver (%s) and %d executor(s) (%s each) do not fit in the application's maximumCapacity (%s)")
                    .formatted(driver.capacity(), Math.max(1, min), executor.capacity(), maximum));
        }
        Reservation reservation;
        while (true) {
            Optional<Reservation> granted = ledger.reserve(application.id().value(), owner.reservationKey(), maximum, driver.capacity(),
                    executor.capacity(), min, wantedMax);
            if (granted.isPresent()) {
                reservation = granted.get();
                break;
            }
            sleep(CAPACITY_POLL_MILLIS);
        }
        int initial = dynamic
                ? Math.min(reservation.maxExecutors(), Math.max(min, intProperty(wanted, "spark.dynamicAllocation.initialExecutors", Math.max(min, 1))))
                : reservation.maxExecutors();
        ExecutorPlacement placement = new ExecutorPlacement(masterUrl, executor.cores(), new MemorySize(executor.memoryMb()), min, initial,
                reservation.maxExecutors(), workDir.resolve(EVENTS_FILE));
        return new ColdPlacement(placement, driver, executor);
    }

    /**
     * Watches a cold driver started with a {@link #reserveCold} placement: records its executors, and at its end
     * closes their records, archives their logs next to the driver's and frees its reservation. The returned
     * future completes when that is done.
     */
    public CompletableFuture<Void> watchCold(WorkOwner owner, ColdPlacement placement, CompletableFuture<?> onExit)
    {
        ExecutorRecorder recorder = new ExecutorRecorder(placement.placement().workerEventsFile(), owner, placement.executor().capacity(), records, events);
        recorders.add(recorder);
        return onExit.handle((exit, failure) -> driverEnded(owner.applicationId(), owner, recorder, placement.placement().workerEventsFile().getParent()));
    }

    /** A driver that launching failed for: frees what {@link #reserveCold} reserved. */
    public void abandon(WorkOwner owner)
    {
        ledger.release(owner.reservationKey());
    }

    /**
     * After a control plane restart: resumes the executor records of a driver that is still alive, reading its
     * events file from the start (records are inserted once), and reserves its capacity again.
     */
    public CompletableFuture<Void> adopt(Application application, WorkOwner owner, Path workDir, CompletableFuture<?> onExit)
    {
        Map<String, String> planned = plannedProperties(workDir);
        WorkerSpec driver = WorkerSizes.driver(application.configuration(), planned);
        WorkerSpec executor = WorkerSizes.executor(application.configuration(), planned);
        int maxExecutors = Math.max(1, intProperty(planned, "spark.dynamicAllocation.maxExecutors", 1));
        // held again so that new work cannot take what the adopted driver may still scale into; if the maximum was
        // lowered meanwhile the driver keeps running and only new work waits
        Capacity unlimited = new Capacity(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        ledger.reserve(application.id().value(), owner.reservationKey(), unlimited, driver.capacity(), executor.capacity(), 0, maxExecutors);
        ExecutorRecorder recorder = new ExecutorRecorder(workDir.resolve(EVENTS_FILE), owner, executor.capacity(), records, events);
        recorders.add(recorder);
        return onExit.handle((exit, failure) -> driverEnded(owner.applicationId(), owner, recorder, workDir));
    }

    /**
     * After a control plane restart, before applications resume: re-attaches each application's standalone host
     * that still runs (adopted drivers keep their executors), stops warm drivers nobody took (they are started
     * again by the application's warm-up), and ends the idle records the previous control plane left open.
     */
    public void recover()
    {
        records.stopOpenIdle(clock.instant(), "the Emrys control plane restarted");
        if (!Files.isDirectory(poolRoot)) {
            return;
        }
        try (java.util.stream.Stream<Path> applicationDirs = Files.list(poolRoot)) {
            for (Path applicationDir : applicationDirs.toList()) {
                recoverApplication(applicationDir);
            }
        }
        catch (IOException e) {
            log.warn("Could not look for the processes of the previous control plane under {}", poolRoot, e);
        }
    }

    private void recoverApplication(Path applicationDir)
            throws IOException
    {
        String applicationId = applicationDir.getFileName().toString();
        Path hostDir = applicationDir.resolve(HOST_DIR);
        readPid(hostDir.resolve("standalone-host.pid")).flatMap(pid -> StandaloneHost.adopt(pid, hostDir)).ifPresent(host -> {
            log.info("Re-adopted the Spark standalone host of application {} (pid {})", applicationId, host.pid());
            pool(applicationId).setHost(CompletableFuture.completedFuture(host));
        });
        try (java.util.stream.Stream<Path> warmDirs = Files.list(applicationDir)) {
            for (Path warmDir : warmDirs.filter(dir -> dir.getFileName().toString().startsWith("warm-")).toList()) {
                if (Files.exists(warmDir.resolve("assignment.properties"))) {
                    continue; // a run's or session's driver now: theirs to re-adopt
                }
                readPid(warmDir.resolve("driver.pid")).flatMap(ProcessHandle::of)
                        .filter(process -> process.info().commandLine().orElse("").contains(warmDir.toString()))
                        .ifPresent(process -> {
                            log.info("Stopping the untaken pre-initialized driver {} of the previous control plane", warmDir.getFileName());
                            process.destroy();
                        });
            }
        }
    }

    private static Optional<Long> readPid(Path file)
    {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> plannedProperties(Path workDir)
    {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = Files.newBufferedReader(workDir.resolve("spark.properties"))) {
            properties.load(reader);
        }
        catch (IOException e) {
            return Map.of();
        }
        Map<String, String> planned = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> planned.put(name, properties.getProperty(name)));
        return planned;
    }

    /** The capacity an application's running workers reserve now (for its current usage). */
    public Capacity reserved(ApplicationId id)
    {
        return ledger.reserved(id.value());
    }

    private Void driverEnded(String applicationId, WorkOwner owner, ExecutorRecorder recorder, Path workDir)
    {
        try {
            recorder.finish(clock.instant(), "its driver ended");
        }
        catch (RuntimeException e) {
            log.warn("Could not record the end of the executors of {}", owner.describe(), e);
        }
        archiveExecutorLogs(applicationId, owner, recorder, workDir);
        recorders.remove(recorder);
        ledger.release(owner.reservationKey());
        Optional.ofNullable(pools.get(applicationId)).filter(ApplicationPool::isActive).ifPresent(pool -> threads.execute(() -> refillPool(pool)));
        return null;
    }

    /** Executor stdout/stderr stay in the standalone worker's folder; a copy goes with the driver's logs, as on EMR. */
    private void archiveExecutorLogs(String applicationId, WorkOwner owner, ExecutorRecorder recorder, Path workDir)
    {
        Optional<String> sparkApplication = recorder.sparkApplicationId();
        if (sparkApplication.isEmpty()) {
            return;
        }
        Path executors = poolRoot.resolve(applicationId).resolve(HOST_DIR).resolve("worker").resolve(sparkApplication.get());
        for (String executorId : recorder.executorIds()) {
            try {
                new io.emrys.compute.LogArchiver().archiveExecutor(executors.resolve(executorId), executorId, workDir);
            }
            catch (IOException | RuntimeException e) {
                log.warn("Could not archive the logs of executor {} of {}", executorId, owner.describe(), e);
            }
        }
    }

    private void refill(Application application)
    {
        warmApplications.put(application.id().value(), application);
        refillPool(pool(application.id().value()));
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
                    log.warn("A pre-initialized driver of application {} could not be started: {}", pool.applicationId(), rootMessage(failure));
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
        Map<String, String> baseline = wantedProperties(base);
        WorkerSpec driver = WorkerSizes.driver(application.configuration(), baseline);
        WorkerSpec executor = WorkerSizes.executor(application.configuration(), baseline);
        Capacity maximum = WorkerSizes.maximum(application.configuration());
        int warmExecutors = pool.warmExecutorsPerDriver();
        // Each warm driver may scale into an equal share of the maximum, counting one more driver than the pool keeps:
        // a driver that was taken keeps its share while the pool starts its replacement.
        int share = Math.max(warmExecutors, executorShare(maximum, driver, executor, pool.targetWarmDrivers() + 1));
        Optional<Reservation> reservation = ledger.reserve(applicationId, workerId, maximum, driver.capacity(), executor.capacity(),
                warmExecutors, Math.max(1, share));
        if (reservation.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("a pre-initialized driver (%s) with %d executors (%s each) does not fit in maximumCapacity (%s) beside the application's other workers"
                    .formatted(driver.capacity(), warmExecutors, executor.capacity(), maximum)));
        }
        WarmDriver warm;
        try {
            String masterUrl = master(application, pool);
            ExecutorPlacement placement = new ExecutorPlacement(masterUrl, executor.cores(), new MemorySize(executor.memoryMb()), warmExecutors,
                    warmExecutors, reservation.get().maxExecutors(), workDir.resolve(EVENTS_FILE));
            // drivers of an application with sessions also load Spark Connect ahead, so a session's first query is fast
            boolean sessions = application.configuration().document().path("interactiveConfiguration").path("sessionEnabled").asBoolean(false);
            warm = warmDrivers.start(withDriverSize(base, driver).withExecutors(placement),
                    sessions ? WarmDriverWarmUp.SPARK_SQL_AND_CONNECT : WarmDriverWarmUp.SPARK_SQL);
        }
        catch (RuntimeException e) {
            ledger.release(workerId);
            return CompletableFuture.failedFuture(e);
        }
        WorkOwner idle = WorkOwner.warm(applicationId, workerId);
        records.start(idle, workerId, WorkerType.DRIVER, driver.capacity(), true, clock.instant());
        ExecutorRecorder executors = new ExecutorRecorder(workDir.resolve(EVENTS_FILE), idle, executor.capacity(), records, events);
        recorders.add(executors);
        WarmSlot slot = new WarmSlot(workerId, workDir, warm, baseline, driver, executor, executors);
        pool.add(slot);
        if (!pool.isActive()) {
            // the application began stopping while this driver was being started: it must not outlive it
            warm.stop(STOP_GRACE);
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
        recorders.remove(slot.executors());
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

    private Optional<String> whyCold(WarmSlot slot, Map<String, String> wanted, SparkConfiguration configuration,
            WorkerSpec driverSpec, WorkerSpec executorSpec, boolean runtimeSettingsAllowed)
    {
        if (!slot.driverSpec().equals(driverSpec)) {
            return Optional.of("the driver size %s differs from the pre-initialized drivers' %s".formatted(driverSpec.capacity(), slot.driverSpec().capacity()));
        }
        if (!slot.executorSpec().equals(executorSpec)) {
            return Optional.of("the executor size %s differs from the pre-initialized executors' %s".formatted(executorSpec.capacity(), slot.executorSpec().capacity()));
        }
        Optional<String> why = WarmDriverFit.whyCold(slot.baseline(), wanted, PER_DRIVER_KEYS);
        if (why.isEmpty() && !runtimeSettingsAllowed) {
            // a Spark Connect server gives each client session the SparkContext's settings, so a running server
            // cannot take other SQL settings for its future clients
            Optional<String> setting = WarmDriverFit.runtimeSqlConf(slot.baseline(), wanted).keySet().stream().findFirst();
            if (setting.isPresent()) {
                return Optional.of(setting.get() + " differs from the pre-initialized drivers' and a Spark Connect server cannot change it for its clients");
            }
        }
        return why;
    }

    /** The master URL of the application's standalone host, starting the host on first need. */
    private String master(Application application, ApplicationPool pool)
    {
        CompletableFuture<StandaloneHost> host;
        synchronized (pool) {
            Optional<CompletableFuture<StandaloneHost>> existing = pool.host()
                    .filter(started -> !started.isCompletedExceptionally() && (!started.isDone() || started.join().isAlive()));
            if (existing.isPresent()) {
                host = existing.get();
            }
            else {
                Capacity maximum = WorkerSizes.maximum(application.configuration());
                Path workDir = poolRoot.resolve(application.id().value()).resolve(HOST_DIR);
                host = CompletableFuture.supplyAsync(() -> {
                    StandaloneHost started = hosts.start(runtimes.runtime(application.configuration().releaseLabel()), workDir,
                            Math.max(1, (int) Math.floor(maximum.vcpu())), (long) Math.floor(maximum.memoryGb() * 1024));
                    started.ready().join();
                    return started;
                }, threads);
                pool.setHost(host);
            }
        }
        try {
            return host.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).ready().join();
        }
        catch (TimeoutException e) {
            throw new EmrysException(io.emrys.error.ErrorCode.INTERNAL, "The Spark standalone host of application " + application.id() + " did not start within " + START_TIMEOUT, e);
        }
        catch (Exception e) {
            throw new EmrysException(io.emrys.error.ErrorCode.INTERNAL, "The Spark standalone host of application " + application.id() + " could not be started: " + rootMessage(e), e);
        }
    }

    /** The Spark properties a launch request asks for, application and work level, before Emrys's own. */
    public static Map<String, String> wantedProperties(DriverLaunchRequest request)
    {
        Map<String, String> wanted = new LinkedHashMap<>(request.configuration().sparkDefaults());
        wanted.putAll(request.parameters().asSparkProperties());
        return wanted;
    }

    /** The request with the resolved driver size, unless the work set its own. */
    public static DriverLaunchRequest withDriverSize(DriverLaunchRequest request, WorkerSpec driver)
    {
        Map<String, String> defaults = new LinkedHashMap<>(request.configuration().sparkDefaults());
        defaults.putIfAbsent("spark.driver.cores", Integer.toString(driver.cores()));
        defaults.putIfAbsent("spark.driver.memory", driver.memoryMb() + "m");
        SparkConfiguration configuration = new SparkConfiguration(defaults, request.configuration().driverLog4j2(), request.configuration().executorLog4j2());
        return request.withConfiguration(configuration);
    }

    private static int executorShare(Capacity maximum, WorkerSpec driver, WorkerSpec executor, int drivers)
    {
        Capacity left = maximum.minus(driver.capacity().times(drivers));
        int fit = Integer.MAX_VALUE;
        Capacity one = executor.capacity();
        if (one.vcpu() > 0) {
            fit = Math.min(fit, (int) Math.floor(left.vcpu() / one.vcpu()));
        }
        if (one.memoryGb() > 0) {
            fit = Math.min(fit, (int) Math.floor(left.memoryGb() / one.memoryGb()));
        }
        if (one.diskGb() > 0) {
            fit = Math.min(fit, (int) Math.floor(left.diskGb() / one.diskGb()));
        }
        return Math.max(0, fit / drivers);
    }

    private static int intProperty(Map<String, String> properties, String key, int otherwise)
    {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        }
        catch (NumberFormatException e) {
            throw EmrysException.validation("Property '%s' must be a whole number, not '%s'".formatted(key, value));
        }
    }

    private void pollRecorders()
    {
        for (ExecutorRecorder recorder : recorders) {
            try {
                recorder.poll();
            }
            catch (RuntimeException e) {
                log.warn("Could not record executor events", e);
            }
        }
    }

    private ApplicationPool pool(String applicationId)
    {
        return pools.computeIfAbsent(applicationId, ApplicationPool::new);
    }

    private static void await(CompletableFuture<?> future)
    {
        try {
            future.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception e) {
            // a failed or slow warm-up leaves the work to start cold
        }
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmrysException(io.emrys.error.ErrorCode.INTERNAL, "Interrupted while waiting for capacity", e);
        }
    }

    private static String rootMessage(Throwable failure)
    {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static Thread daemon(Runnable runnable, String name)
    {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops every application's warm drivers and host (server shutdown). */
    @Override
    public void close()
    {
        List<CompletableFuture<Void>> releasing = new ArrayList<>();
        for (String applicationId : List.copyOf(pools.keySet())) {
            releasing.add(release(new ApplicationId(applicationId)));
        }
        releasing.forEach(ComputePools::await);
        poller.shutdownNow();
        threads.shutdownNow();
    }
}
