package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRecord;
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
                new WorkerSize(size.vcpu(), size.memoryGb(), size.diskGb()), preInitialized, at, Optional.empty(), Optional.empty());
        transactions.write(handle -> workers.insertIfAbsent(handle, record, owner.sessionId()));
    }

    /** Ends the records of pre-initialized workers that were idle (nobody's) when the previous control plane stopped. */
    void stopOpenIdle(Instant at, String reason)
    {
        transactions.write(handle -> handle.createUpdate("UPDATE workers SET stopped_at = :at, stop_reason = :reason "
                        + "WHERE stopped_at IS NULL AND job_run_id IS NULL AND session_id IS NULL")
                .bind("at", at.toEpochMilli())
                .bind("reason", reason)
                .execute());
    }

    void stop(String workerId, Instant at, String reason)
    {
        transactions.write(handle -> {
            workers.markStopped(handle, workerId, at, reason);
            return null;
        });
    }
}
