package io.emrys.api.auth;

import io.emrys.common.Credential;
import java.util.Optional;

/** Looks up the secret behind an access key id, so that a signature can be checked. */
@FunctionalInterface
public interface CredentialStore
{
    Optional<Credential> find(String accessKeyId);
}
