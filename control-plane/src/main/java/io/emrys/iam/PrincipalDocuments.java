package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The policy documents in force for one caller, as IAM evaluates them.
 *
 * @param root the account's root identity, which IAM policies do not restrict
 * @param identityPolicies the caller's own policies: a user's inline and attached policies and its groups'; an assumed role's policies
 * @param sessionPolicy for a role session started with a session policy: what the session may do at most
 * @param principalArn the ARN the request is evaluated for ({@code aws:PrincipalArn}: for a role session, the role's ARN)
 * @param userName {@code aws:username} for an IAM user
 */
public record PrincipalDocuments(boolean root, List<String> identityPolicies, Optional<String> sessionPolicy, String principalArn, Optional<String> userName)
{
    public PrincipalDocuments
    {
        identityPolicies = List.copyOf(requireNonNull(identityPolicies, "identityPolicies is null"));
        requireNonNull(sessionPolicy, "sessionPolicy is null");
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(userName, "userName is null");
    }
}
