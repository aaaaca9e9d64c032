package io.emrys.iam;

import static java.util.Objects.requireNonNull;

/**
 * Who a signed request comes from, as STS GetCallerIdentity answers: the account, the principal's ARN and its unique
 * id (the account id for root, {@code AIDA...} for a user, {@code AROA...:SESSION} for an assumed role).
 */
public record CallerIdentity(String account, String arn, String userId)
{
    public CallerIdentity
    {
        requireNonNull(account, "account is null");
        requireNonNull(arn, "arn is null");
        requireNonNull(userId, "userId is null");
    }
}
