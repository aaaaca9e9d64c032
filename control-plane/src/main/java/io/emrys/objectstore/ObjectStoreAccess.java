package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import io.emrys.api.auth.CredentialStore;
import io.emrys.audit.AuditEvent;
import io.emrys.common.Credential;
import io.emrys.iam.policy.Decision;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Who may use the store and what each may do: the keys it accepts (looked up on every request, so a key created,
 * deleted or deactivated, or a session that expires, counts at once), the IAM decision for each permission, where
 * denials are recorded, and the clock that expires temporary credentials.
 */
public record ObjectStoreAccess(CredentialStore credentials, AccessCheck decisions, Consumer<AuditEvent> audit, Clock clock)
{
    public ObjectStoreAccess
    {
        requireNonNull(credentials, "credentials is null");
        requireNonNull(decisions, "decisions is null");
        requireNonNull(audit, "audit is null");
        requireNonNull(clock, "clock is null");
    }

    /**
     * One key that may do anything, and nothing audited: a store outside an Emrys server (an external store in tests,
     * a store of its own), where that key plays the account's root.
     */
    public static ObjectStoreAccess singleKey(Credential credential)
    {
        requireNonNull(credential, "credential is null");
        return new ObjectStoreAccess(id -> id.equals(credential.accessKeyId()) ? Optional.of(credential) : Optional.empty(),
                (caller, action, resource, keys) -> Decision.ALLOW, event -> {}, Clock.systemUTC());
    }
}
