package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ApplicationId;
import io.emrys.common.JobRunId;
import io.emrys.common.SessionId;
import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import io.emrys.metering.WorkerRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * Who a driver and its executors work for: a job-run attempt, a session, or nobody yet (a warm driver waiting in
 * the pool). Worker record ids start with {@link #workerIdPrefix()}.
 */
public record WorkOwner(ApplicationId applicationId, Optional<JobRunId> jobRunId, Optional<Integer> attempt, Optional<SessionId> sessionId, String workerIdPrefix)
{
    public WorkOwner
    {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(jobRunId, "jobRunId is null");
        requireNonNull(attempt, "attempt is null");
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(workerIdPrefix, "workerIdPrefix is null");
    }

    public static WorkOwner jobRun(ApplicationId applicationId, JobRunId jobRunId, int attempt)
    {
        return new WorkOwner(applicationId, Optional.of(jobRunId), Optional.of(attempt), Optional.empty(), jobRunId.value() + "-" + attempt);
    }

    public static WorkOwner session(ApplicationId applicationId, SessionId sessionId)
    {
        return new WorkOwner(applicationId, Optional.empty(), Optional.empty(), Optional.of(sessionId), sessionId.value());
    }

    /** A warm driver of the pool, not working for anyone yet. */
    public static WorkOwner warm(ApplicationId applicationId, String warmWorkerId)
    {
        return new WorkOwner(applicationId, Optional.empty(), Optional.empty(), Optional.empty(), warmWorkerId);
    }

    /** The id of the worker record of this owner's driver. */
    public String driverWorkerId()
    {
        return sessionId.map(id -> id.value() + "-session-driver").orElse(workerIdPrefix + "-driver");
    }

    /**
     * The record of a worker of this owner that starts at {@code at} and is still running. A session's worker
     * carries the session id beside the record, not in it (see {@link io.emrys.metering.WorkerRows#started}).
     */
    public WorkerRecord startedWorker(String workerId, WorkerType type, WorkerSize size, boolean preInitialized, Instant at)
    {
        return new WorkerRecord(workerId, applicationId.value(), jobRunId.map(JobRunId::value), attempt, type, size, preInitialized, at, Optional.empty(), Optional.empty());
    }

    /** The key of this owner's capacity reservation. */
    public String reservationKey()
    {
        return workerIdPrefix;
    }

    /** A warm driver's owner: nobody has taken it yet. */
    public boolean isIdle()
    {
        return jobRunId.isEmpty() && sessionId.isEmpty();
    }

    public String describe()
    {
        return jobRunId.map(id -> "job run " + id + " attempt " + attempt.orElse(1))
                .or(() -> sessionId.map(id -> "session " + id))
                .orElse("the pre-initialized pool");
    }
}
