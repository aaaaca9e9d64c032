package io.emrys.dashboard;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tokens in dashboard URLs: each names one dashboard target (a run attempt or a session) and an expiry an hour
 * after it was handed out, as AWS's dashboard URLs work for an hour. A token is {@code <expiry epoch second>.<MAC>},
 * the MAC an HMAC-SHA256 of target and expiry under a key that lives only in this process's memory, so nothing is
 * stored per URL and a token cannot be moved to another run or made to last longer. A restart of the server ends
 * every token; GetDashboardForJobRun hands out a new one.
 *
 * <p>Thread-safe: a {@link Mac} per call.
 */
public final class DashboardGrants
{
    public static final Duration LIFETIME = Duration.ofHours(1);
    private static final String ALGORITHM = "HmacSHA256";

    private final Clock clock;
    private final byte[] key = new byte[32];

    public DashboardGrants(Clock clock, SecureRandom random)
    {
        this.clock = requireNonNull(clock, "clock is null");
        requireNonNull(random, "random is null").nextBytes(key);
    }

    /** A token for {@code target} that works until an hour from now. */
    public String grant(String target)
    {
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        return expiry + "." + mac(target, expiry);
    }

    /** When the token expires, if it is one this server handed out for {@code target} and it has not expired yet. */
    public Optional<Instant> validUntil(String target, String token)
    {
        requireNonNull(target, "target is null");
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 19) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(token.substring(0, dot));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] expected = mac(target, expiry).getBytes(StandardCharsets.US_ASCII);
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        Instant until = Instant.ofEpochSecond(expiry);
        // compared in constant time first, so a wrong MAC and an expired one take the same time to refuse
        if (!MessageDigest.isEqual(expected, given) || !clock.instant().isBefore(until)) {
            return Optional.empty();
        }
        return Optional.of(until);
    }

    private String mac(String target, long expiry)
    {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            byte[] digest = mac.doFinal((target + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
