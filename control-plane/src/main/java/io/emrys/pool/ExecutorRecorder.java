package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.standalone.WorkerEvent;
import io.emrys.compute.standalone.WorkerEvents;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;

/**
 * Turns one driver's worker-events file (written by the driver agent's listener) into executor worker records.
 * The file is read from where the last read stopped; after a control plane restart it is read again from the
 * start, which is harmless because records are inserted only once.
 *
 * <p>While the driver waits in the pool its executors are recorded as idle pre-initialized workers of nobody;
 * when a run takes the driver, {@link #handTo} ends those records and starts the run's own at that instant, so
 * the idle time is never billed to the run.
 */
final class ExecutorRecorder
{
    private final Path eventsFile;
    private final WorkerSize executorSize;
    private final WorkerRecords records;
    private final ClusterManager cluster;
    private final Map<String, String> openRecords = new LinkedHashMap<>();
    private WorkOwner owner;
    private Optional<String> sparkApplicationId = Optional.empty();
    private final Set<String> executorIds = new LinkedHashSet<>();
    private long offset;
    private boolean finished;

    ExecutorRecorder(Path eventsFile, WorkOwner owner, WorkerSize executorSize, WorkerRecords records, ClusterManager cluster)
    {
        this.eventsFile = requireNonNull(eventsFile, "eventsFile is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.executorSize = requireNonNull(executorSize, "executorSize is null");
        this.records = requireNonNull(records, "records is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    /** Records the executors that started or stopped since the last call. */
    synchronized void poll()
    {
        if (finished) {
            return;
        }
        WorkerEvents.Batch batch = cluster.readExecutorEvents(eventsFile, offset);
        offset = batch.nextOffset();
        for (WorkerEvent event : batch.events()) {
            switch (event.type()) {
                case APPLICATION_START -> sparkApplicationId = event.appId();
                case EXECUTOR_ADDED -> {
                    executorIds.add(event.executorId());
                    String workerId = owner.workerIdPrefix() + "-executor-" + event.executorId();
                    WorkerSize size = new WorkerSize(event.cores() > 0 ? event.cores() : executorSize.vcpu(), executorSize.memoryGb(), executorSize.diskGb());
                    // executors that register while the driver waits in the pool are pre-initialized ones
                    records.start(owner, workerId, WorkerType.EXECUTOR, size, owner.isIdle(), event.time());
                    openRecords.put(event.executorId(), workerId);
                }
                case EXECUTOR_REMOVED -> {
                    String workerId = openRecords.remove(event.executorId());
                    if (workerId != null) {
                        records.stop(workerId, event.time(), event.reason().orElse("removed by Spark"));
                    }
                }
                default -> {
                    // application start and end say nothing about workers
                }
            }
        }
    }

    /** The driver now works for {@code next}: its live executors' records end here and start again as {@code next}'s. */
    synchronized void handTo(WorkOwner next, Instant at)
    {
        poll();
        Map<String, String> handed = new LinkedHashMap<>();
        for (Map.Entry<String, String> open : openRecords.entrySet()) {
            records.stop(open.getValue(), at, "handed to " + next.describe());
            String workerId = next.workerIdPrefix() + "-executor-" + open.getKey();
            records.start(next, workerId, WorkerType.EXECUTOR, executorSize, true, at);
            handed.put(open.getKey(), workerId);
        }
        openRecords.clear();
        openRecords.putAll(handed);
        owner = next;
    }

    /** The Spark application id of the driver, once it started. */
    synchronized Optional<String> sparkApplicationId()
    {
        return sparkApplicationId;
    }

    /** Every executor the driver had, in the order they started. */
    synchronized List<String> executorIds()
    {
        return List.copyOf(executorIds);
    }

    /** The driver ended: executors it did not see stop end with it. */
    synchronized void finish(Instant at, String reason)
    {
        poll();
        openRecords.values().forEach(workerId -> records.stop(workerId, at, reason));
        openRecords.clear();
        finished = true;
    }
}
