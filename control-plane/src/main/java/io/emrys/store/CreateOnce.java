package io.emrys.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Creates a resource at most once per client token (StartJobRun, StartSession, ...): a retry with the same token
 * and the same request returns what the first one created, even when the two race; the same token with another
 * request is a conflict.
 */
public final class CreateOnce
{
    private final Transactions transactions;
    private final IdempotencyTokens tokens;

    public CreateOnce(Transactions transactions, IdempotencyTokens tokens)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /**
     * @param byId the resource an earlier request created, by its id
     * @param prepare runs once the request is known to be new, before the store's write lock is taken (it may wait,
     *        for instance for the application to start)
     * @param create runs under the store's write lock when no racing request created the resource first; it writes
     *        the resource with {@link Request#claim} in the same transaction
     */
    public <P, T> T create(Request request, Function<String, Optional<T>> byId, Supplier<P> prepare, Function<P, T> create)
    {
        Optional<T> earlier = earlier(request, byId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        P prepared = prepare.get();
        return transactions.locked(() -> earlier(request, byId).orElseGet(() -> create.apply(prepared)));
    }

    /** Records, inside the transaction that writes the new resource, that {@code request} created {@code resourceId}. */
    public void claim(Handle handle, Request request, String resourceId, Instant now)
    {
        tokens.record(handle, request.scope(), request.clientToken(), request.fingerprint(), resourceId, now);
    }

    private <T> Optional<T> earlier(Request request, Function<String, Optional<T>> byId)
    {
        return transactions.read(handle -> tokens.earlierResource(handle, request.scope(), request.clientToken(), request.fingerprint(), request.operation()))
                .flatMap(byId);
    }

    /**
     * @param operation the API operation, named in a conflict's message
     * @param scope where the token is unique, such as {@code StartJobRun:<applicationId>}
     * @param fingerprint what identifies the request's content (see {@code io.emrys.common.Fingerprint})
     */
    public record Request(String operation, String scope, String clientToken, String fingerprint)
    {
        public Request
        {
            requireNonNull(operation, "operation is null");
            requireNonNull(scope, "scope is null");
            requireNonNull(clientToken, "clientToken is null");
            requireNonNull(fingerprint, "fingerprint is null");
        }
    }
}
