package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;

/**
 * Unique ids of IAM entities in AWS's shape: a four-letter prefix naming the kind ({@code AIDA} user, {@code AGPA}
 * group, {@code AROA} role, {@code ANPA} managed policy) and 17 upper-case letters or digits.
 */
final class IamIds
{
    static final String USER = "AIDA";
    static final String GROUP = "AGPA";
    static final String ROLE = "AROA";
    static final String POLICY = "ANPA";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final SecureRandom random;

    IamIds(SecureRandom random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    String next(String prefix)
    {
        StringBuilder id = new StringBuilder(prefix);
        while (id.length() < 21) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
