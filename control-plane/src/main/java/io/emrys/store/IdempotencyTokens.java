package io.emrys.store;

import io.emrys.error.EmrysException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code idempotency_tokens} table: which resource a client token created, and a fingerprint of the request
 * it came with.
 */
public final class IdempotencyTokens
{
    /** What an earlier request with the same token created. */
    public record Claim(String requestHash, String resourceId) {}

    public Optional<Claim> find(Handle handle, String scope, String clientToken)
    {
        return handle.createQuery("SELECT request_hash, resource_id FROM idempotency_tokens WHERE scope = :scope AND client_token = :token")
                .bind("scope", scope)
                .bind("token", clientToken)
                .map((rs, ctx) -> new Claim(rs.getString("request_hash"), rs.getString("resource_id")))
                .findOne();
    }

    /**
     * The id of the resource an earlier request with {@code clientToken} created, if there was one. A token
     * reused with a different request (another fingerprint) is a conflict; {@code operation} names the request
     * in that error.
     */
    public Optional<String> earlierResource(Handle handle, String scope, String clientToken, String fingerprint, String operation)
    {
        return find(handle, scope, clientToken).map(claim -> {
            if (!claim.requestHash().equals(fingerprint)) {
                throw EmrysException.conflict("clientToken " + clientToken + " was already used for a different " + operation + " request");
            }
            return claim.resourceId();
        });
    }

    public void record(Handle handle, String scope, String clientToken, String requestHash, String resourceId, Instant now)
    {
        handle.createUpdate("""
                INSERT INTO idempotency_tokens (scope, client_token, request_hash, resource_id, created_at)
                VALUES (:scope, :token, :hash, :resourceId, :createdAt)
                """)
                .bind("scope", scope)
                .bind("token", clientToken)
                .bind("hash", requestHash)
                .bind("resourceId", resourceId)
                .bind("createdAt", now.toEpochMilli())
                .execute();
    }
}
