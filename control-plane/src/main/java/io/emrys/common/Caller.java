package io.emrys.common;

import static java.util.Objects.requireNonNull;

/**
 * The authenticated principal of a request.
 *
 * @param accountId the 12-digit account the principal belongs to
 * @param principalArn e.g. {@code arn:aws:iam::123456789012:root}; recorded as {@code createdBy}
 * @param accessKeyId the key that signed the request
 */
public record Caller(String accountId, String principalArn, String accessKeyId)
{
    public Caller
    {
        requireNonNull(accountId, "accountId is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
    }
}
