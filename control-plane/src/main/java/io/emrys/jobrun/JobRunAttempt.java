package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.common.JobRunId;
import io.emrys.compute.cluster.DriverRef;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt of a job run (retries add attempts). The run's state as shown by GetJobRun is its latest attempt's.
 *
 * @param driverRef where the driver runs once launched (opaque, its cluster manager's), so a restarted control plane can re-adopt it
 * @param workDir the attempt's folder in the data directory (driver logs, exit code, event logs)
 * @param uiPort the live Spark UI's loopback port while the driver runs
 */
public record JobRunAttempt(
        JobRunId jobRunId,
        int attempt,
        JobRunState state,
        String stateDetails,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> startedAt,
        Optional<Instant> endedAt,
        Optional<DriverRef> driverRef,
        Optional<String> workDir,
        Optional<Integer> uiPort)
{
    public JobRunAttempt
    {
        requireNonNull(jobRunId, "jobRunId is null");
        requireNonNull(state, "state is null");
        requireNonNull(stateDetails, "stateDetails is null");
        requireNonNull(createdAt, "createdAt is null");
        requireNonNull(updatedAt, "updatedAt is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(driverRef, "driverRef is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(uiPort, "uiPort is null");
    }

    public static JobRunAttempt submitted(JobRunId jobRunId, int attempt, Instant now)
    {
        return new JobRunAttempt(jobRunId, attempt, JobRunState.SUBMITTED, "", now, now, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This attempt moved to {@code next}; entering a terminal state stamps endedAt. */
    public JobRunAttempt to(JobRunState next, String details, Instant now)
    {
        if (state.isTerminal()) {
            throw new IllegalStateException("attempt %d of %s is already %s; cannot become %s".formatted(attempt, jobRunId, state, next));
        }
        Optional<Instant> started = next == JobRunState.RUNNING && startedAt.isEmpty() ? Optional.of(now) : startedAt;
        Optional<Instant> ended = next.isTerminal() ? Optional.of(now) : endedAt;
        return new JobRunAttempt(jobRunId, attempt, next, details, createdAt, now, started, ended, driverRef, workDir, uiPort);
    }

    public JobRunAttempt withDriver(DriverRef ref, String directory, Optional<Integer> port, Instant now)
    {
        return new JobRunAttempt(jobRunId, attempt, state, stateDetails, createdAt, now, startedAt, endedAt,
                Optional.of(ref), Optional.of(directory), port);
    }
}
