package io.emrys.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The secret one Spark Connect driver requires of every call ({@code authorization: Bearer SECRET}), so that only
 * the gateway, which adds it after checking the client's own token, reaches the driver's loopback port. It is 32
 * random bytes in lower-case hex, chosen when the driver is planned (a pre-initialized driver's before any session
 * exists), kept in the control plane's memory and in the driver's owner-only properties file, and never stored in
 * the database, put on a command line or logged: {@link #toString} hides it.
 */
public final class ConnectSecret
{
    private static final int BYTES = 32;
    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{" + (BYTES * 2) + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ConnectSecret(String value)
    {
        this.value = value;
    }

    /** A fresh secret from a {@link SecureRandom}. */
    public static ConnectSecret random()
    {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new ConnectSecret(HexFormat.of().formatHex(bytes));
    }

    /** A secret read back (from a driver's properties file); throws IllegalArgumentException unless it is 64 hex digits. */
    public static ConnectSecret of(String value)
    {
        requireNonNull(value, "value is null");
        if (!FORMAT.matcher(value).matches()) {
            // the message never repeats the value: it may be a secret in the wrong shape
            throw new IllegalArgumentException("A Spark Connect driver secret must be 64 lower-case hex digits (" + value.length() + " characters given)");
        }
        return new ConnectSecret(value);
    }

    /** The secret itself, for the driver's properties file and the gateway's {@code authorization} header only. */
    public String value()
    {
        return value;
    }

    /** Compares in time independent of where the values differ, so that a caller cannot learn the secret byte by byte. */
    public boolean matches(String candidate)
    {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof ConnectSecret that && matches(that.value);
    }

    @Override
    public int hashCode()
    {
        return value.hashCode();
    }

    @Override
    public String toString()
    {
        return "ConnectSecret{hidden}";
    }
}
