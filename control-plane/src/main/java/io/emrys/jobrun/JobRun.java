package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ApplicationId;
import io.emrys.common.JobRunId;
import java.time.Instant;

/** A job run's identity and what was submitted; its progress lives in its {@link JobRunAttempt}s. */
public record JobRun(
        JobRunId id,
        ApplicationId applicationId,
        String arn,
        String createdBy,
        String releaseLabel,
        JobRunSpec spec,
        Instant createdAt)
{
    public JobRun
    {
        requireNonNull(id, "id is null");
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(createdBy, "createdBy is null");
        requireNonNull(releaseLabel, "releaseLabel is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(createdAt, "createdAt is null");
    }
}
