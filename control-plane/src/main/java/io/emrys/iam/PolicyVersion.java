package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One version of a managed policy; {@code document} is the policy JSON as the caller wrote it. */
public record PolicyVersion(String versionId, String document, boolean isDefaultVersion, Instant createDate)
{
    public PolicyVersion
    {
        requireNonNull(versionId, "versionId is null");
        requireNonNull(document, "document is null");
        requireNonNull(createDate, "createDate is null");
    }
}
