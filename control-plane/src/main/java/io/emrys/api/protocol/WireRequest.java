package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An aggregated HTTP request as the protocol layer sees it, independent of the server framework.
 *
 * @param rawPath the percent-encoded path, without the query
 * @param query decoded query parameters in arrival order
 * @param headers header values by lower-case name
 */
public record WireRequest(String method, String rawPath, Map<String, List<String>> query, Map<String, List<String>> headers, byte[] body)
{
    public WireRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        query = Map.copyOf(requireNonNull(query, "query is null"));
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }

    /** All values of a header joined as one comma-separated list, or empty when absent. */
    public Optional<String> header(String lowerCaseName)
    {
        List<String> values = headers.get(lowerCaseName);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", values));
    }
}
