package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.common.SessionId;
import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import io.emrys.metering.WorkerRows;
import java.time.Instant;

/**
 * The start and stop of the workers the pool owns (warm drivers, executors), each in its own transaction: the
 * pool's side of {@link WorkerRows}, which names workers by their {@link WorkOwner}.
 */
final class WorkerRecords
{
    private final WorkerRows rows;

    WorkerRecords(WorkerRows rows)
    {
        this.rows = requireNonNull(rows, "rows is null");
    }

    void start(WorkOwner owner, String workerId, WorkerType type, WorkerSize size, boolean preInitialized, Instant at)
    {
        rows.start(owner.startedWorker(workerId, type, size, preInitialized, at), owner.sessionId().map(SessionId::value));
    }

    /** Ends the records of pre-initialized workers that were idle (nobody's) when the previous control plane stopped. */
    void stopOpenIdle(Instant at, String reason)
    {
        rows.stopOpenIdle(at, reason);
    }

    void stop(String workerId, Instant at, String reason)
    {
        rows.stop(workerId, at, reason);
    }
}
