package io.emrys.session;

import static java.util.Objects.requireNonNull;

import io.emrys.common.SessionId;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.gateway.TokenHasher;
import io.emrys.store.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session endpoint tokens: random, handed out once, stored only as their SHA-256, valid for an hour. The gateway
 * resolves a token on every call a client makes, so the live hashes are kept in memory as well. The account may hold
 * only so many unexpired tokens at once (its quota): every GetSessionEndpoint mints one, and without a bound a
 * caller in a loop would grow the table and the gateway's map without end.
 */
final class EndpointTokens
{
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final Transactions transactions;
    private final SessionDao dao;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, SessionDao.IssuedToken> issued = new ConcurrentHashMap<>();
    private final int liveTokenQuota;

    EndpointTokens(Transactions transactions, SessionDao dao, Clock clock, int liveTokenQuota)
    {
        if (liveTokenQuota < 1) {
            throw new IllegalArgumentException("liveTokenQuota must be at least 1: " + liveTokenQuota);
        }
        this.liveTokenQuota = liveTokenQuota;
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.clock = requireNonNull(clock, "clock is null");
        issued.putAll(transactions.read(handle -> dao.liveTokens(handle, clock.instant())));
    }

    /** A fresh token for {@code id}; only its hash is stored. SERVICE_QUOTA_EXCEEDED when the account holds its quota of live tokens. */
    synchronized SessionService.Endpoint issue(SessionId id)
    {
        Instant now = clock.instant();
        long live = issued.values().stream().filter(grant -> grant.expiresAt().isAfter(now)).count();
        if (live >= liveTokenQuota) {
            throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, ("The account already holds %d unexpired session endpoint tokens, the most its quota "
                    + "allows; a token expires %d minutes after it is issued").formatted(live, TOKEN_LIFETIME.toMinutes()));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(TOKEN_LIFETIME);
        String tokenHash = TokenHasher.sha256Hex(token);
        transactions.write(handle -> {
            dao.insertToken(handle, tokenHash, id, expiresAt);
            return null;
        });
        issued.put(tokenHash, new SessionDao.IssuedToken(id, expiresAt));
        return new SessionService.Endpoint(token, expiresAt);
    }

    /** The session an unexpired token was issued for. Only the hash is looked up, never the token itself. */
    Optional<SessionId> resolve(String token)
    {
        Instant now = clock.instant();
        return Optional.ofNullable(issued.get(TokenHasher.sha256Hex(token)))
                .filter(grant -> grant.expiresAt().isAfter(now))
                .map(SessionDao.IssuedToken::session);
    }

    /** Forgets and deletes the tokens expired at {@code now}. */
    void expire(Instant now)
    {
        transactions.write(handle -> {
            dao.deleteExpiredTokens(handle, now);
            return null;
        });
        issued.values().removeIf(grant -> !grant.expiresAt().isAfter(now));
    }
}
