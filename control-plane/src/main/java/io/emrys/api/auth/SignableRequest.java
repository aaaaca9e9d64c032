package io.emrys.api.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An HTTP request as it arrived, in the form SigV4 needs: the raw (still percent-encoded) path and query,
 * every header value in arrival order under its lower-cased name, and the whole body.
 *
 * @param rawPath the path as sent, without the query; never the server's decoded path
 * @param rawQuery the query as sent, without the {@code ?}; empty when there is none
 */
public record SignableRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body)
{
    public SignableRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        Map<String, List<String>> lowerCased = new LinkedHashMap<>();
        headers.forEach((name, values) -> lowerCased
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), ignored -> new ArrayList<>())
                .addAll(values));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        lowerCased.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body.clone();
    }

    /** All values of a header (name in any case), in arrival order. */
    public List<String> headerValues(String name)
    {
        return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public Optional<String> firstHeader(String name)
    {
        List<String> values = headerValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body()
    {
        return body.clone();
    }

    byte[] bodyUnsafe()
    {
        return body;
    }

    @Override
    public String toString()
    {
        return "SignableRequest[" + method + " " + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)
                + ", headers=" + headers.keySet() + ", body=" + body.length + " bytes]";
    }
}
