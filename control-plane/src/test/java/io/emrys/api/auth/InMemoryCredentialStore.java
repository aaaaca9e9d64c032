package io.emrys.api.auth;

import io.emrys.common.Credential;
import io.emrys.common.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A credential store for tests: the keys it was given, nothing else. */
final class InMemoryCredentialStore
        implements CredentialStore
{
    private final Map<String, Credential> credentials = new ConcurrentHashMap<>();

    InMemoryCredentialStore(Credential... credentials)
    {
        for (Credential credential : credentials) {
            add(credential);
        }
    }

    void add(Credential credential)
    {
        credentials.put(credential.accessKeyId(), credential);
    }

    @Override
    public Optional<Credential> find(String accessKeyId)
    {
        return Optional.ofNullable(credentials.get(accessKeyId));
    }

    static Credential credential(String accessKeyId, String secretAccessKey)
    {
        return new Credential(accessKeyId, secretAccessKey, new Caller("123456789012", "arn:aws:iam::123456789012:root", accessKeyId));
    }
}
