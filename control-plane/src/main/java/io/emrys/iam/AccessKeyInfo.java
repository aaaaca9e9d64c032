package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What IAM lists of an access key: never its secret. {@code status} is {@code Active} or {@code Inactive}. */
public record AccessKeyInfo(String userName, String accessKeyId, String status, Instant createDate)
{
    public AccessKeyInfo
    {
        requireNonNull(userName, "userName is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(status, "status is null");
        requireNonNull(createDate, "createDate is null");
    }
}
