package io.emrys.compute.driver;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The lifetime and size of one worker, which metering bills per second with a one-minute minimum. A record
 * without {@code endedAt} describes a worker that is still running.
 *
 * @param diskGb the configured per-worker disk, or the work dir's size when that grew larger
 */
public record WorkerRecord(String runId, WorkerType type, Instant startedAt, Optional<Instant> endedAt, int vCpu, double memoryGb, double diskGb)
{
    public WorkerRecord
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(type, "type is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(endedAt, "endedAt is null");
    }

    public WorkerRecord ended(Instant endedAt, double diskGb)
    {
        return new WorkerRecord(runId, type, startedAt, Optional.of(endedAt), vCpu, memoryGb, Math.max(this.diskGb, diskGb));
    }
}
