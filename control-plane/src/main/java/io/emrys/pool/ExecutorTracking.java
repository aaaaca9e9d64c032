package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.common.WorkerSize;
import io.emrys.compute.cluster.ClusterManager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executors of every live driver: an {@link ExecutorRecorder} per driver, which the pool's scheduler polls
 * through {@link #pollAll} every second, and at the driver's end its executors' records closed, their logs archived beside the driver's and
 * its reservation freed.
 */
final class ExecutorTracking
{
    private static final Logger log = LoggerFactory.getLogger(ExecutorTracking.class);
    /** The file in a driver's work dir that the driver agent's listener writes executor starts and stops to. */
    static final String EVENTS_FILE = "worker-events.jsonl";

    private final ClusterManager cluster;
    private final WorkerRecords records;
    private final CapacityLedger ledger;
    private final StandaloneHosts hosts;
    private final Clock clock;
    private final Set<ExecutorRecorder> recorders = ConcurrentHashMap.newKeySet();

    ExecutorTracking(ClusterManager cluster, WorkerRecords records, CapacityLedger ledger, StandaloneHosts hosts, Clock clock)
    {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.records = requireNonNull(records, "records is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Starts recording the executors in {@code eventsFile}, as {@code owner}'s until the recorder is handed on. */
    ExecutorRecorder track(Path eventsFile, WorkOwner owner, WorkerSize executorSize)
    {
        ExecutorRecorder recorder = new ExecutorRecorder(eventsFile, owner, executorSize, records, cluster);
        recorders.add(recorder);
        return recorder;
    }

    /** Stops polling a recorder whose records were closed elsewhere (a warm driver that ended untaken). */
    void untrack(ExecutorRecorder recorder)
    {
        recorders.remove(recorder);
    }

    /**
     * When {@code onExit} completes: closes the records of the executors the driver had, archives their logs into
     * {@code workDir} and frees {@code owner}'s reservation. The returned future completes when that is done.
     */
    CompletableFuture<Void> settleOnExit(WorkOwner owner, ExecutorRecorder recorder, Path workDir, CompletableFuture<?> onExit)
    {
        return onExit.handle((exit, failure) -> {
            driverEnded(owner, recorder, workDir);
            return null;
        });
    }

    private void driverEnded(WorkOwner owner, ExecutorRecorder recorder, Path workDir)
    {
        try {
            recorder.finish(clock.instant(), "its driver ended");
        }
        catch (RuntimeException e) {
            log.warn("Could not record the end of the executors of {}", owner.describe(), e);
        }
        archiveExecutorLogs(owner, recorder, workDir);
        recorders.remove(recorder);
        ledger.release(owner.reservationKey());
    }

    /** Executor stdout/stderr stay where the executor host keeps them; a copy goes with the driver's logs, as on EMR. */
    private void archiveExecutorLogs(WorkOwner owner, ExecutorRecorder recorder, Path workDir)
    {
        Optional<String> sparkApplication = recorder.sparkApplicationId();
        if (sparkApplication.isEmpty()) {
            return;
        }
        Path hostDir = hosts.hostDir(owner.applicationId().value());
        for (String executorId : recorder.executorIds()) {
            try {
                cluster.archiveExecutorLogs(hostDir, sparkApplication.get(), executorId, workDir);
            }
            catch (IOException | RuntimeException e) {
                log.warn("Could not archive the logs of executor {} of {}", executorId, owner.describe(), e);
            }
        }
    }

    /** Records the executor events every live driver wrote since the last call. */
    void pollAll()
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
}
