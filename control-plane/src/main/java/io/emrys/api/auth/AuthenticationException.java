package io.emrys.api.auth;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A request that failed SigV4 authentication. The message reaches the caller verbatim, so it never contains
 * the secret, the expected signature or the canonical request.
 */
public final class AuthenticationException
        extends RuntimeException
{
    private final AuthFailureReason reason;
    private final Optional<CredentialScope> scope;

    public AuthenticationException(AuthFailureReason reason, String message)
    {
        this(reason, message, Optional.empty());
    }

    public AuthenticationException(AuthFailureReason reason, String message, Optional<CredentialScope> scope)
    {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.reason = requireNonNull(reason, "reason is null");
        this.scope = requireNonNull(scope, "scope is null");
    }

    public AuthFailureReason reason()
    {
        return reason;
    }

    /** The credential scope, when parsing got that far: tells which service (and error dialect) was meant. */
    public Optional<CredentialScope> scope()
    {
        return scope;
    }
}
