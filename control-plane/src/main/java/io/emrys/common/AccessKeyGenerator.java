package io.emrys.common;

import java.security.SecureRandom;

import static java.util.Objects.requireNonNull;

/**
 * Creates AWS-shaped long-term access keys: an id of {@code AKIA} and 16 upper-case letters or digits, and a
 * 40-character secret over the base64 alphabet, both from a {@link SecureRandom}. The shapes matter because
 * tools validate them (some SDKs and IDE plugins reject ids that do not look like AWS keys).
 */
public final class AccessKeyGenerator
{
    public static final String ACCESS_KEY_PREFIX = "AKIA";
    public static final String TEMPORARY_KEY_PREFIX = "ASIA";
    public static final int ACCESS_KEY_ID_LENGTH = 20;
    public static final int SECRET_ACCESS_KEY_LENGTH = 40;

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final SecureRandom random;

    public AccessKeyGenerator()
    {
        this(new SecureRandom());
    }

    public AccessKeyGenerator(SecureRandom random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    public String newAccessKeyId()
    {
        return ACCESS_KEY_PREFIX + randomString(ID_ALPHABET, ACCESS_KEY_ID_LENGTH - ACCESS_KEY_PREFIX.length());
    }

    /** An STS session's key id: {@code ASIA} and 16 upper-case letters or digits, as AWS marks temporary keys. */
    public String newTemporaryAccessKeyId()
    {
        return TEMPORARY_KEY_PREFIX + randomString(ID_ALPHABET, ACCESS_KEY_ID_LENGTH - TEMPORARY_KEY_PREFIX.length());
    }

    public String newSecretAccessKey()
    {
        return randomString(SECRET_ALPHABET, SECRET_ACCESS_KEY_LENGTH);
    }

    /** A fresh key pair for a principal, e.g. the account's root user at first start. */
    public Credential newCredential(String accountId, String principalArn)
    {
        String accessKeyId = newAccessKeyId();
        return new Credential(accessKeyId, newSecretAccessKey(), new Caller(accountId, principalArn, accessKeyId));
    }

    private String randomString(String alphabet, int length)
    {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // nextInt(bound) is unbiased, unlike reducing random bytes modulo the alphabet size
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
