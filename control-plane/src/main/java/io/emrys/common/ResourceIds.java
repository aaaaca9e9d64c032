package io.emrys.common;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Generates resource ids shaped like EMR Serverless ones: 16 characters of {@code [0-9a-z]}, starting with
 * {@code 00}, which satisfies the model's {@code ^[0-9a-z]+$} pattern and sorts like AWS's ids do.
 */
public final class ResourceIds
{
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 16;

    private final RandomGenerator random;

    public ResourceIds(RandomGenerator random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    public static ResourceIds secure()
    {
        return new ResourceIds(new SecureRandom());
    }

    public String next()
    {
        StringBuilder id = new StringBuilder(LENGTH).append("00");
        while (id.length() < LENGTH) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }
}
