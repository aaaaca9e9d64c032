package io.emrys.common;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * Temporary AWS credentials as a client holds them: the {@code ASIA...} key, its secret and the session token that
 * must come with every request it signs, until {@code expiration}.
 *
 * @param principalArn who requests signed with them act as, e.g. {@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}
 */
public record TemporaryCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration, String principalArn)
{
    public TemporaryCredentials
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(expiration, "expiration is null");
        requireNonNull(principalArn, "principalArn is null");
    }

    @Override
    public String toString()
    {
        // never print the secret or the token
        return "TemporaryCredentials[accessKeyId=" + accessKeyId + ", principalArn=" + principalArn + ", expiration=" + expiration + "]";
    }
}
