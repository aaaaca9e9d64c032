package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.OwnerOnlyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the secrets Emrys must keep in readable form (SigV4 needs a key's secret itself, not a hash of it) with
 * AES-256-GCM under a key that lives in its own owner-only file, not in the database: a copy of {@code emrys.db}
 * alone (a backup, a stray download) then reveals no secret. Sealed values read {@code sealed:v1:<base64(iv|ct)>};
 * a value without that prefix is one written before sealing existed and is opened as it is.
 */
public final class SecretSealer
{
    private static final String PREFIX = "sealed:v1:";
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    private SecretSealer(byte[] key, SecureRandom random)
    {
        this.key = new SecretKeySpec(key, "AES");
        this.random = requireNonNull(random, "random is null");
    }

    /** Reads the key file, creating it owner-only with a fresh random key when it does not exist. */
    public static SecretSealer openOrCreate(Path keyFile, SecureRandom random)
    {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[KEY_BYTES];
                random.nextBytes(fresh);
                OwnerOnlyFiles.createDirectories(keyFile.toAbsolutePath().getParent());
                OwnerOnlyFiles.writeString(keyFile, Base64.getEncoder().encodeToString(fresh) + "\n");
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).trim());
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException("The secrets key file " + keyFile + " does not hold a 256-bit key");
            }
            return new SecretSealer(key, random);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secrets key file " + keyFile, e);
        }
    }

    public static boolean isSealed(String stored)
    {
        return stored.startsWith(PREFIX);
    }

    public String seal(String secret)
    {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String open(String stored)
    {
        if (!isSealed(stored)) {
            return stored;
        }
        byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
            return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
        }
        catch (GeneralSecurityException e) {
            // a wrong key file: every key of the account would be unusable, so say which file to look at
            throw new IllegalStateException("A stored secret does not open with the secrets key file; was the file replaced?", e);
        }
    }
}
