package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** An IAM group: users in it get its policies. */
public record IamGroup(String groupName, String groupId, String path, String arn, Instant createDate)
{
    public IamGroup
    {
        requireNonNull(groupName, "groupName is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(path, "path is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(createDate, "createDate is null");
    }
}
