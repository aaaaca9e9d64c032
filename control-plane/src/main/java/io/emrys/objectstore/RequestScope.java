package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One request in flight: what it is, the permissions it needs, its request id (S3Proxy's {@code x-amz-request-id},
 * read when a denial is recorded, because S3Proxy sets it only once it handles the request), and what to do to the
 * response before the store refuses the request ({@link #refusing()}).
 *
 * @param refusing run before a refusal is thrown: a refused request's body is never read, and Jetty then drops the
 *         connection after the error without saying so, which makes a client reuse a dead connection for its next
 *         request ("Broken pipe"); this marks the response {@code Connection: close} first
 */
record RequestScope(ObjectStoreRequest request, Set<String> amzHeaderNames, List<S3Permission> required, boolean multiObjectDelete, Supplier<String> requestId,
        Runnable refusing)
{
    RequestScope
    {
        requireNonNull(request, "request is null");
        amzHeaderNames = Set.copyOf(requireNonNull(amzHeaderNames, "amzHeaderNames is null"));
        required = List.copyOf(requireNonNull(required, "required is null"));
        requireNonNull(requestId, "requestId is null");
        requireNonNull(refusing, "refusing is null");
    }

    /** @param amzHeaderNames the names of the request's {@code x-amz-} headers, in lower case */
    static RequestScope of(ObjectStoreRequest request, Set<String> amzHeaderNames, Supplier<String> requestId, Runnable refusing)
    {
        return new RequestScope(request, amzHeaderNames, S3Actions.required(request), S3Actions.multiObjectDelete(request), requestId, refusing);
    }
}
