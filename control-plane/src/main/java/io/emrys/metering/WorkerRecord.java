package io.emrys.metering;

import static java.util.Objects.requireNonNull;

import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import java.time.Instant;
import java.util.Optional;

/**
 * One worker process's life: what it was sized at and when it ran. Metering and (later) scaling are computed
 * only from these records.
 *
 * @param preInitialized whether it was started as pre-initialized capacity; idle pre-initialized time is not billed
 * @param stoppedAt empty while it still runs
 */
public record WorkerRecord(
        String workerId,
        String applicationId,
        Optional<String> jobRunId,
        Optional<Integer> attempt,
        WorkerType type,
        WorkerSize size,
        boolean preInitialized,
        Instant startedAt,
        Optional<Instant> stoppedAt,
        Optional<String> stopReason)
{
    public WorkerRecord
    {
        requireNonNull(workerId, "workerId is null");
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(jobRunId, "jobRunId is null");
        requireNonNull(attempt, "attempt is null");
        requireNonNull(type, "type is null");
        requireNonNull(size, "size is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(stoppedAt, "stoppedAt is null");
        requireNonNull(stopReason, "stopReason is null");
    }

    /**
     * A pre-initialized worker handed to a job run at {@code at}: the run's record, which starts then, so that a
     * meter over the run's records bills none of the worker's idle time. The idle record (no {@code jobRunId}) is
     * ended separately with {@link #stopped}, at the same instant. The new record needs its own id because each
     * record is a row of its own.
     */
    public WorkerRecord handedTo(String runRecordId, String runId, int runAttempt, Instant at)
    {
        if (jobRunId.isPresent()) {
            throw new IllegalStateException("worker " + workerId + " already belongs to run " + jobRunId.get());
        }
        return new WorkerRecord(runRecordId, applicationId, Optional.of(runId), Optional.of(runAttempt), type, size,
                true, at, Optional.empty(), Optional.empty());
    }

    public WorkerRecord stopped(Instant at, String reason)
    {
        return new WorkerRecord(workerId, applicationId, jobRunId, attempt, type, size, preInitialized,
                startedAt, Optional.of(at), Optional.of(reason));
    }
}
