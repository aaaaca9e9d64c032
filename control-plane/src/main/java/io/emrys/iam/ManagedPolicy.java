package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A customer managed policy: a named, versioned policy document that attaches to users, groups and roles. */
public record ManagedPolicy(String arn, String policyName, String policyId, String path, Optional<String> description, String defaultVersionId,
        int attachmentCount, List<IamTag> tags, Instant createDate, Instant updateDate)
{
    public ManagedPolicy
    {
        requireNonNull(arn, "arn is null");
        requireNonNull(policyName, "policyName is null");
        requireNonNull(policyId, "policyId is null");
        requireNonNull(path, "path is null");
        requireNonNull(description, "description is null");
        requireNonNull(defaultVersionId, "defaultVersionId is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(createDate, "createDate is null");
        requireNonNull(updateDate, "updateDate is null");
    }
}
