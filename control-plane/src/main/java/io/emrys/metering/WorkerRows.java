package io.emrys.metering;

import static java.util.Objects.requireNonNull;

import io.emrys.store.Transactions;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The one writer of worker records: every worker's start and end, whoever owns it (warm drivers and executors of
 * the pool, drivers of job runs and sessions), goes through here, so the rules of a record's life live in one
 * place and {@link WorkerDao}'s writes have one caller (held by {@code io.emrys.ArchitectureTest}).
 *
 * <p>Each write comes in two forms. The ones taking a {@link Handle} run inside the caller's transaction, so that
 * a transition and the record it implies commit together (a job run's final state and its driver's record end).
 * The others run in a transaction of their own, for workers whose records change alone (executors, warm drivers).
 */
public final class WorkerRows
{
    private final Transactions transactions;
    private final WorkerDao workers;

    public WorkerRows(Transactions transactions, WorkerDao workers)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /**
     * Records that {@code worker} started, inside the caller's transaction; false when its record exists already
     * (executor events are replayed from the start of a driver's event file after a restart).
     *
     * @param sessionId the session the worker works for; a worker of a session belongs to no job run
     */
    public boolean started(Handle handle, WorkerRecord worker, Optional<String> sessionId)
    {
        requireNonNull(handle, "handle is null");
        requireNonNull(worker, "worker is null");
        requireNonNull(sessionId, "sessionId is null");
        if (worker.stoppedAt().isPresent()) {
            throw new IllegalArgumentException("worker " + worker.workerId() + " is recorded as started, but its record has ended");
        }
        if (sessionId.isPresent() && worker.jobRunId().isPresent()) {
            throw new IllegalArgumentException("worker %s cannot work for both session %s and job run %s"
                    .formatted(worker.workerId(), sessionId.get(), worker.jobRunId().get()));
        }
        return workers.insertIfAbsent(handle, worker, sessionId);
    }

    /** Ends the record of {@code workerId} inside the caller's transaction; a record that has ended keeps its first end. */
    public void stopped(Handle handle, String workerId, Instant at, String reason)
    {
        requireNonNull(handle, "handle is null");
        requireNonNull(workerId, "workerId is null");
        requireNonNull(at, "at is null");
        requireNonNull(reason, "reason is null");
        workers.markStopped(handle, workerId, at, reason);
    }

    /** {@link #started} in a transaction of its own. */
    public boolean start(WorkerRecord worker, Optional<String> sessionId)
    {
        return transactions.write(handle -> started(handle, worker, sessionId));
    }

    /** {@link #stopped} in a transaction of its own. */
    public void stop(String workerId, Instant at, String reason)
    {
        transactions.write(handle -> {
            stopped(handle, workerId, at, reason);
            return null;
        });
    }

    /**
     * Ends, in a transaction of its own, the open records of pre-initialized workers that were idle (nobody's) when
     * the previous control plane stopped. Returns how many it ended.
     */
    public int stopOpenIdle(Instant at, String reason)
    {
        requireNonNull(at, "at is null");
        requireNonNull(reason, "reason is null");
        return transactions.write(handle -> workers.stopOpenIdle(handle, at, reason));
    }
}
