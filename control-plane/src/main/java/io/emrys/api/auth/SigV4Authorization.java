package io.emrys.api.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a request claims about its signature, from the Authorization header or from the presigned query
 * parameters, before anything is checked against a secret.
 *
 * @param signedHeaders lower-cased header names in the order the client listed them
 * @param amzDate the request time in SigV4's basic ISO-8601 form, {@code 20150830T123600Z}
 * @param expires the lifetime of a presigned URL; empty for the header form
 * @param sessionToken {@code X-Amz-Security-Token}, when the client sent one
 */
public record SigV4Authorization(
        String accessKeyId,
        CredentialScope scope,
        List<String> signedHeaders,
        String signature,
        String amzDate,
        Instant requestTime,
        Optional<Duration> expires,
        Optional<String> sessionToken)
{
    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    public SigV4Authorization
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(scope, "scope is null");
        signedHeaders = List.copyOf(requireNonNull(signedHeaders, "signedHeaders is null"));
        requireNonNull(signature, "signature is null");
        requireNonNull(amzDate, "amzDate is null");
        requireNonNull(requestTime, "requestTime is null");
        requireNonNull(expires, "expires is null");
        requireNonNull(sessionToken, "sessionToken is null");
    }

    /** True for the presigned query form. */
    public boolean presigned()
    {
        return expires.isPresent();
    }

    @Override
    public String toString()
    {
        // the signature is not secret, but there is no reason to spread it through logs either
        return "SigV4Authorization[accessKeyId=" + accessKeyId + ", scope=" + scope.scopeString()
                + ", signedHeaders=" + signedHeaders + ", amzDate=" + amzDate + ", presigned=" + presigned() + "]";
    }
}
