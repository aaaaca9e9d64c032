package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.Credential;
import java.util.Optional;

/**
 * One AssumeRole session: its temporary credential (caller ARN {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}),
 * the role, the session name, the session policy that narrows the role (if the caller passed one) and who assumed it.
 */
public record RoleSession(Credential credential, String roleName, String sessionName, Optional<String> sessionPolicy, String sourceArn)
{
    public RoleSession
    {
        requireNonNull(credential, "credential is null");
        requireNonNull(roleName, "roleName is null");
        requireNonNull(sessionName, "sessionName is null");
        requireNonNull(sessionPolicy, "sessionPolicy is null");
        requireNonNull(sourceArn, "sourceArn is null");
        if (!credential.temporary()) {
            throw new IllegalArgumentException("A role session's credential is temporary");
        }
    }
}
