package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRecord;
import io.emrys.metering.WorkerType;
import io.emrys.store.Transactions;
import java.time.Instant;
import java.util.Optional;

/** Writes the start and stop of the workers the pool owns (warm drivers, executors), each in its own transaction. */
final class WorkerRecords
{
    private final Transactions transactions;
    private final WorkerDao workers;

    WorkerRecords(Transactions transactions, WorkerDao workers)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    void start(WorkOwner owner, String workerId, WorkerType type, Capacity size, boolean preInitialized, Instant at)
    {
        WorkerRecord record = new WorkerRecord(workerId, owner.applicationId(), owner.jobRunId(), owner.attempt(), type,
                size.vcpu(), size.memoryGb(), size.diskGb(), preInitialized, at, Optional.empty(), Optional.empty());
        transactions.write(handle -> workers.insertIfAbsent(handle, record, owner.sessionId()));
    }

    void stop(String workerId, Instant at, String reason)
    {
        transactions.write(handle -> {
            workers.markStopped(handle, workerId, at, reason);
            return null;
        });
    }
}
