package io.emrys.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** The session service's side, as the gateway sees it: tokens (kept as hashes) with an expiry, on an injected clock. */
final class FakeSessionTokens
        implements SessionTokens
{
    private record Grant(SessionTarget target, Instant expiresAt) {}

    private final Clock clock;
    private final Map<String, Grant> byHash = new ConcurrentHashMap<>();

    FakeSessionTokens(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    void grant(String token, SessionTarget target, Instant expiresAt)
    {
        byHash.put(TokenHasher.sha256Hex(token), new Grant(target, expiresAt));
    }

    @Override
    public Optional<SessionTarget> resolve(String token)
    {
        Grant grant = byHash.get(TokenHasher.sha256Hex(token));
        if (grant == null || !clock.instant().isBefore(grant.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(grant.target());
    }
}
