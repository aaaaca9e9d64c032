package io.emrys.gateway;

import java.util.Optional;

/**
 * The session service's answer to "which session does this token open?". The gateway asks it on every call (a
 * Spark Connect client makes several per query), so an implementation must answer from memory, without blocking (it runs on the event loop): hash the token
 * ({@link TokenHasher}) and look the hash up, rather than reading a database each time.
 */
@FunctionalInterface
public interface SessionTokens
{
    /**
     * @param token the token exactly as the client sent it (never empty)
     * @return the session and its driver's port; empty when the token is unknown, expired, or its session cannot
     *         take calls now (not started yet, or ended). The gateway then answers UNAUTHENTICATED without saying which.
     */
    Optional<SessionTarget> resolve(String token);
}
