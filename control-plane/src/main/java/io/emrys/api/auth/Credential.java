package io.emrys.api.auth;

import static java.util.Objects.requireNonNull;

/**
 * An access key, its secret and the principal it authenticates.
 */
public record Credential(String accessKeyId, String secretAccessKey, Caller caller)
{
    public Credential
    {
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(caller, "caller is null");
    }

    @Override
    public String toString()
    {
        // never print the secret
        return "Credential[accessKeyId=" + accessKeyId + ", caller=" + caller + "]";
    }
}
