package io.emrys.api.auth;

import io.emrys.common.Credential;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import static io.emrys.api.auth.AuthFailureReason.EXPIRED_TOKEN;
import static io.emrys.api.auth.AuthFailureReason.INCOMPLETE_SIGNATURE;
import static io.emrys.api.auth.AuthFailureReason.INVALID_SECURITY_TOKEN;
import static io.emrys.api.auth.AuthFailureReason.PAYLOAD_HASH_MISMATCH;
import static io.emrys.api.auth.AuthFailureReason.REQUEST_EXPIRED;
import static io.emrys.api.auth.AuthFailureReason.SIGNATURE_MISMATCH;
import static io.emrys.api.auth.AuthFailureReason.UNKNOWN_ACCESS_KEY;
import static io.emrys.api.auth.AuthFailureReason.WRONG_SCOPE;
import static java.util.Objects.requireNonNull;

/**
 * Verifies AWS Signature Version 4 (header and presigned query forms) against a {@link CredentialStore}.
 * Start at {@link #verify(SignableRequest)}: it parses the claimed signature, looks up the secret, recomputes
 * the signature over the request as sent and compares in constant time, then checks the request time.
 * Thread-safe and stateless apart from its collaborators.
 */
public final class SigV4Verifier
{
    /** How far the signed request time may be from the server's clock (and a presigned URL may start early). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final CredentialStore credentials;
    private final Clock clock;
    private final Function<String, PathCanonicalization> pathCanonicalization;

    public SigV4Verifier(CredentialStore credentials, Clock clock)
    {
        this(credentials, clock, PathCanonicalization::forService);
    }

    /** @param pathCanonicalization chooses the canonical URI rules from the signing service name */
    public SigV4Verifier(CredentialStore credentials, Clock clock, Function<String, PathCanonicalization> pathCanonicalization)
    {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.pathCanonicalization = requireNonNull(pathCanonicalization, "pathCanonicalization is null");
    }

    /**
     * Verifies the signature only, whatever service and region it was made for, and whether or not a session token is the one issued with the key.
     *
     * @throws AuthenticationException with the reason the request is refused
     */
    public VerifiedRequest verify(SignableRequest request)
    {
        return verify(request, Optional.empty());
    }

    /**
     * Verifies the signature and that it is bound to {@code endpoint}: its service and region are checked before
     * anything else (as AWS does, so a request for another service is told so even when its signature is also wrong),
     * its payload mode after the signature.
     *
     * @throws AuthenticationException with the reason the request is refused
     */
    public VerifiedRequest verify(SignableRequest request, EndpointScope endpoint)
    {
        return verify(request, Optional.of(endpoint));
    }

    private VerifiedRequest verify(SignableRequest request, Optional<EndpointScope> endpoint)
    {
        SigV4Authorization authorization = SigV4AuthorizationParser.parse(request);
        Optional<CredentialScope> scope = Optional.of(authorization.scope());
        endpoint.flatMap(expected -> expected.whyForeign(authorization.scope())).ifPresent(reason -> {
            throw new AuthenticationException(WRONG_SCOPE, reason, scope);
        });
        Credential credential = credentials.find(authorization.accessKeyId())
                .orElseThrow(() -> new AuthenticationException(UNKNOWN_ACCESS_KEY,
                        "The security token included in the request is invalid.", scope));

        PayloadMode payloadMode = payloadMode(request, authorization);
        String payloadHash = payloadHash(request, authorization, payloadMode);
        SignatureCalculator.Computation computation = SignatureCalculator.compute(request, authorization, payloadHash,
                pathCanonicalization.apply(authorization.scope().service()), credential.secretAccessKey());
        if (!SignatureCalculator.signaturesMatch(computation.signature(), authorization.signature())) {
            throw new AuthenticationException(SIGNATURE_MISMATCH,
                    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. "
                            + "Consult the service documentation for details.", scope);
        }
        if (payloadMode == PayloadMode.SIGNED && request.firstHeader("x-amz-content-sha256").isPresent()) {
            // the signature covers the claimed hash; only the body itself shows whether the claim is true
            String actual = SignatureCalculator.sha256Hex(request.bodyUnsafe());
            if (!actual.equals(payloadHash.toLowerCase(Locale.ROOT))) {
                throw new AuthenticationException(PAYLOAD_HASH_MISMATCH,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.", scope);
            }
        }
        if (endpoint.isPresent()) {
            // an expired session says so even when its request is also stale: the token is what the caller must renew
            checkSessionToken(credential, authorization);
        }
        checkTime(authorization);
        endpoint.flatMap(expected -> expected.whyRefused(payloadMode)).ifPresent(reason -> {
            throw new AuthenticationException(WRONG_SCOPE, reason, scope);
        });
        return new VerifiedRequest(credential.caller(), authorization.scope(), authorization.requestTime(), authorization.presigned(),
                payloadMode, authorization.sessionToken());
    }

    static PayloadMode payloadMode(SignableRequest request, SigV4Authorization authorization)
    {
        Optional<String> header = request.firstHeader("x-amz-content-sha256").map(String::trim);
        if (header.isPresent()) {
            return PayloadMode.ofHeader(header.get()).orElseThrow(() -> new AuthenticationException(INCOMPLETE_SIGNATURE,
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-* or a SHA-256 hex digest", Optional.of(authorization.scope())));
        }
        // S3 presigned URLs always sign UNSIGNED-PAYLOAD and say so nowhere in the request
        boolean s3 = PathCanonicalization.forService(authorization.scope().service()) == PathCanonicalization.AS_SENT;
        return authorization.presigned() && s3 ? PayloadMode.UNSIGNED : PayloadMode.SIGNED;
    }

    static String payloadHash(SignableRequest request, SigV4Authorization authorization, PayloadMode payloadMode)
    {
        Optional<String> header = request.firstHeader("x-amz-content-sha256").map(String::trim);
        if (header.isPresent()) {
            return header.get();
        }
        return payloadMode == PayloadMode.UNSIGNED ? PayloadMode.UNSIGNED_PAYLOAD : SignatureCalculator.sha256Hex(request.bodyUnsafe());
    }

    /**
     * A temporary key is accepted only with the token it was issued with and only until it expires; a long-term key
     * only without a token. The token is compared by its hash, which is all the store keeps.
     */
    private void checkSessionToken(Credential credential, SigV4Authorization authorization)
    {
        Optional<CredentialScope> scope = Optional.of(authorization.scope());
        Optional<String> sent = authorization.sessionToken();
        if (credential.sessionTokenSha256().isEmpty()) {
            if (sent.isPresent()) {
                throw new AuthenticationException(INVALID_SECURITY_TOKEN, "The security token included in the request is invalid.", scope);
            }
            return;
        }
        if (sent.isEmpty() || !SignatureCalculator.signaturesMatch(SignatureCalculator.sha256Hex(sent.get().getBytes(StandardCharsets.UTF_8)),
                credential.sessionTokenSha256().get())) {
            throw new AuthenticationException(INVALID_SECURITY_TOKEN, "The security token included in the request is invalid.", scope);
        }
        if (!clock.instant().isBefore(credential.expiration().orElseThrow())) {
            throw new AuthenticationException(EXPIRED_TOKEN, "The security token included in the request is expired", scope);
        }
    }

    private void checkTime(SigV4Authorization authorization)
    {
        Instant now = clock.instant();
        Instant signed = authorization.requestTime();
        Optional<CredentialScope> scope = Optional.of(authorization.scope());
        String nowText = SigV4AuthorizationParser.AMZ_DATE.format(now.atOffset(ZoneOffset.UTC));
        if (signed.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw new AuthenticationException(REQUEST_EXPIRED, "Signature not yet current: " + authorization.amzDate()
                    + " is still later than "
                    + SigV4AuthorizationParser.AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW).atOffset(ZoneOffset.UTC)) + " (" + nowText + " + 15 min.)", scope);
        }
        if (authorization.expires().isPresent()) {
            Instant expiry = signed.plus(authorization.expires().get());
            if (now.isAfter(expiry)) {
                throw new AuthenticationException(REQUEST_EXPIRED, "Signature expired: the presigned request was valid until "
                        + SigV4AuthorizationParser.AMZ_DATE.format(expiry.atOffset(ZoneOffset.UTC)) + ", it is now " + nowText, scope);
            }
        }
        else if (signed.isBefore(now.minus(MAX_CLOCK_SKEW))) {
            throw new AuthenticationException(REQUEST_EXPIRED, "Signature expired: " + authorization.amzDate()
                    + " is now earlier than " + SigV4AuthorizationParser.AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW).atOffset(ZoneOffset.UTC))
                    + " (" + nowText + " - 15 min.)", scope);
        }
    }
}
