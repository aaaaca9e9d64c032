package io.emrys.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * What the session service stores instead of a session token: its SHA-256, in lowercase hex. Tokens are long random
 * strings, so a plain hash (no salt, no stretching) is enough to make a leaked store useless, and it lets the
 * service find a session by the hash of the presented token.
 */
public final class TokenHasher
{
    private TokenHasher() {}

    /** The SHA-256 of the token's UTF-8 bytes, as 64 lowercase hex digits. */
    public static String sha256Hex(String token)
    {
        requireNonNull(token, "token is null");
        return HexFormat.of().formatHex(sha256(token.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@code token} hashes to {@code expectedSha256Hex}, compared in time that does not depend on where the
     * two differ (so response times reveal nothing about a stored hash). A malformed expected hash never matches.
     */
    public static boolean matches(String token, String expectedSha256Hex)
    {
        requireNonNull(token, "token is null");
        requireNonNull(expectedSha256Hex, "expectedSha256Hex is null");
        byte[] expected;
        try {
            expected = HexFormat.of().parseHex(expectedSha256Hex);
        }
        catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token.getBytes(StandardCharsets.UTF_8)), expected);
    }

    /** Compares two secrets in time that depends only on their lengths. */
    public static boolean constantTimeEquals(String a, String b)
    {
        requireNonNull(a, "a is null");
        requireNonNull(b, "b is null");
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
