package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.compute.cluster.ClusterManager;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a control plane restart: finds what the previous one left running in the folders under
 * {@code poolRoot} (through the cluster manager), re-adopts standalone hosts and drivers still working for someone, and stops the rest.
 */
final class PoolRecovery
{
    private static final Logger log = LoggerFactory.getLogger(PoolRecovery.class);

    private final ClusterManager cluster;
    private final StandaloneHosts hosts;
    private final ExecutorTracking tracking;
    private final CapacityLedger ledger;
    private final WorkerRecords records;
    private final Clock clock;
    private final Path poolRoot;

    PoolRecovery(ClusterManager cluster, StandaloneHosts hosts, ExecutorTracking tracking, CapacityLedger ledger, WorkerRecords records, Clock clock,
            Path poolRoot)
    {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.tracking = requireNonNull(tracking, "tracking is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.records = requireNonNull(records, "records is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.poolRoot = requireNonNull(poolRoot, "poolRoot is null");
    }

    /** See {@link ComputePools#recover}. */
    void recover()
    {
        records.stopOpenIdle(clock.instant(), "the Emrys control plane restarted");
        if (!Files.isDirectory(poolRoot)) {
            return;
        }
        try (Stream<Path> applicationDirs = Files.list(poolRoot)) {
            for (Path applicationDir : applicationDirs.toList()) {
                recoverApplication(applicationDir);
            }
        }
        catch (IOException e) {
            log.warn("Could not look for the processes of the previous control plane under {}", poolRoot, e);
        }
    }

    /**
     * See {@link ComputePools#adopt}. The returned future completes when the driver has ended and its executors are
     * settled; refilling the warm pool afterwards is the caller's.
     */
    CompletableFuture<Void> adopt(Application application, WorkOwner owner, Path workDir, CompletableFuture<?> onExit)
    {
        Map<String, String> planned = plannedProperties(workDir);
        WorkerSpec driver = WorkerSizes.driver(application.configuration(), planned);
        WorkerSpec executor = WorkerSizes.executor(application.configuration(), planned);
        int maxExecutors = Math.max(1, DriverRequests.intProperty(planned, "spark.dynamicAllocation.maxExecutors", 1));
        // held again so that new work cannot take what the adopted driver may still scale into; if the maximum or the
        // account's quota was lowered meanwhile the driver keeps running and only new work waits
        ledger.hold(application.id().value(), owner.reservationKey(), driver.capacity(), executor.capacity(), maxExecutors);
        ExecutorRecorder recorder = tracking.track(workDir.resolve(ExecutorTracking.EVENTS_FILE), owner, executor.size());
        return tracking.settleOnExit(owner, recorder, workDir, onExit);
    }

    private void recoverApplication(Path applicationDir)
            throws IOException
    {
        String applicationId = applicationDir.getFileName().toString();
        hosts.adopt(applicationId);
        try (Stream<Path> warmDirs = Files.list(applicationDir)) {
            for (Path warmDir : warmDirs.filter(dir -> dir.getFileName().toString().startsWith("warm-")).toList()) {
                if (Files.exists(warmDir.resolve("assignment.properties"))) {
                    continue; // a run's or session's driver now: theirs to re-adopt
                }
                if (cluster.stopLeftoverDriver(warmDir)) {
                    log.info("Stopped the untaken pre-initialized driver {} of the previous control plane", warmDir.getFileName());
                }
            }
        }
    }

    private static Map<String, String> plannedProperties(Path workDir)
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(workDir.resolve("spark.properties"))) {
            properties.load(reader);
        }
        catch (IOException e) {
            return Map.of();
        }
        Map<String, String> planned = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> planned.put(name, properties.getProperty(name)));
        return planned;
    }
}
