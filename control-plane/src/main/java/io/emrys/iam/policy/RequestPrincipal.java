package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Who makes a request: for {@link PrincipalType#AWS} an ARN (the account's root, a user, a role or an assumed-role
 * session) and the account it belongs to; for a service its name ({@code emr-serverless.amazonaws.com}) and no
 * account; for a federated principal the provider.
 */
public record RequestPrincipal(PrincipalType type, String id, Optional<String> accountId)
{
    public RequestPrincipal
    {
        requireNonNull(type, "type is null");
        requireNonNull(id, "id is null");
        requireNonNull(accountId, "accountId is null");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("principal id is empty");
        }
    }

    /** An IAM principal by its ARN ({@code arn:aws:iam::123456789012:user/alice}); the account is the ARN's fifth part. */
    public static RequestPrincipal aws(String arn)
    {
        requireNonNull(arn, "arn is null");
        String[] parts = arn.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || !PrincipalElement.isAccountId(parts[4])) {
            throw new IllegalArgumentException("not an IAM principal ARN: " + arn);
        }
        return new RequestPrincipal(PrincipalType.AWS, arn, Optional.of(parts[4]));
    }

    public static RequestPrincipal service(String name)
    {
        return new RequestPrincipal(PrincipalType.SERVICE, name, Optional.empty());
    }

    public static RequestPrincipal federated(String provider)
    {
        return new RequestPrincipal(PrincipalType.FEDERATED, provider, Optional.empty());
    }
}
