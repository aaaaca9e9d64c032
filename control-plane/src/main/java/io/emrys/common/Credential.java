package io.emrys.common;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * An access key, its secret and the principal it authenticates.
 *
 * @param sessionTokenSha256 for temporary credentials (STS), the SHA-256 (hex) of the session token that must
 *         come with every request signed by this key; empty for long-term keys, which must come without one
 * @param expiration when temporary credentials stop being accepted
 */
public record Credential(String accessKeyId, String secretAccessKey, Caller caller, Optional<String> sessionTokenSha256, Optional<Instant> expiration)
{
    public Credential
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(sessionTokenSha256, "sessionTokenSha256 is null");
        requireNonNull(expiration, "expiration is null");
        if (sessionTokenSha256.isPresent() != expiration.isPresent()) {
            throw new IllegalArgumentException("Temporary credentials need both a session token and an expiration");
        }
    }

    /** A long-term key. */
    public Credential(String accessKeyId, String secretAccessKey, Caller caller)
    {
        this(accessKeyId, secretAccessKey, caller, Optional.empty(), Optional.empty());
    }

    public boolean temporary()
    {
        return sessionTokenSha256.isPresent();
    }

    @Override
    public String toString()
    {
        // never print the secret
        return "Credential[accessKeyId=" + accessKeyId + ", caller=" + caller + "]";
    }
}
