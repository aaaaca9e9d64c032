package io.emrys.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSealerTest
{
    @TempDir
    Path folder;

    @Test
    void sealedSecretsOpenWithTheSameKeyFileAndRevealNothing()
            throws Exception
    {
        Path keyFile = folder.resolve("keys").resolve("secrets.key");
        SecretSealer sealer = SecretSealer.openOrCreate(keyFile, new SecureRandom());
        String sealed = sealer.seal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

        assertThat(sealed).startsWith("sealed:v1:").doesNotContain("wJalrXUtnFEMI");
        assertThat(SecretSealer.openOrCreate(keyFile, new SecureRandom()).open(sealed)).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        assertThat(sealer.seal("same")).as("a fresh nonce every time").isNotEqualTo(sealer.seal("same"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void aValueWrittenBeforeSealingOpensAsItIs()
    {
        SecretSealer sealer = SecretSealer.openOrCreate(folder.resolve("secrets.key"), new SecureRandom());

        assertThat(sealer.open("plainSecretFromAnOlderEmrys")).isEqualTo("plainSecretFromAnOlderEmrys");
    }

    @Test
    void anotherKeyFileCannotOpenASealedValue()
    {
        String sealed = SecretSealer.openOrCreate(folder.resolve("one.key"), new SecureRandom()).seal("secret");
        SecretSealer other = SecretSealer.openOrCreate(folder.resolve("two.key"), new SecureRandom());

        assertThatThrownBy(() -> other.open(sealed)).isInstanceOf(IllegalStateException.class).hasMessageContaining("secrets key file");
    }
}
