package io.emrys.api.auth;

import io.emrys.common.Caller;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A request whose signature checked out.
 *
 * @param scope the credential scope the client signed for: its service dispatches the request
 * @param requestTime the signed request time (X-Amz-Date)
 * @param presigned whether the signature came in the query string
 * @param payloadMode what the signature says about the body
 * @param sessionToken the X-Amz-Security-Token the client signed, if any; whether one is acceptable is the caller's decision
 */
public record VerifiedRequest(
        Caller caller,
        CredentialScope scope,
        Instant requestTime,
        boolean presigned,
        PayloadMode payloadMode,
        Optional<String> sessionToken)
{
    public VerifiedRequest
    {
        requireNonNull(caller, "caller is null");
        requireNonNull(scope, "scope is null");
        requireNonNull(requestTime, "requestTime is null");
        requireNonNull(payloadMode, "payloadMode is null");
        requireNonNull(sessionToken, "sessionToken is null");
    }

    @Override
    public String toString()
    {
        return "VerifiedRequest[caller=" + caller + ", scope=" + scope.scopeString() + ", requestTime=" + requestTime
                + ", presigned=" + presigned + ", payloadMode=" + payloadMode + ", sessionToken=" + (sessionToken.isPresent() ? "present" : "absent") + "]";
    }
}
