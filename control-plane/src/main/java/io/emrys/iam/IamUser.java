package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/** An IAM user: a person or program with long-term access keys. */
public record IamUser(String userName, String userId, String path, String arn, List<IamTag> tags, Instant createDate)
{
    public IamUser
    {
        requireNonNull(userName, "userName is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(path, "path is null");
        requireNonNull(arn, "arn is null");
        tags = List.copyOf(requireNonNull(tags, "tags is null"));
        requireNonNull(createDate, "createDate is null");
    }
}
