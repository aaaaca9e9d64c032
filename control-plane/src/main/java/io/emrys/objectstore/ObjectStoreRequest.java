package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What authorization needs to know of one HTTP request to the store, read before S3Proxy handles it: the method, the
 * bucket and key (path-style, decoded as S3Proxy decodes them), the query parameters, the headers (names in lower case,
 * first value) and the peer's address.
 */
public record ObjectStoreRequest(String method, Optional<String> bucket, Optional<String> key, Map<String, String> query, Map<String, String> headers,
        String sourceAddress)
{
    public ObjectStoreRequest
    {
        requireNonNull(method, "method is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(key, "key is null");
        query = Map.copyOf(requireNonNull(query, "query is null"));
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(sourceAddress, "sourceAddress is null");
    }

    /**
     * @param rawPath the path as it arrived, still percent-encoded
     * @param rawQuery the query as it arrived, or null
     * @param headers header names in any case; the first value of each is kept
     */
    public static ObjectStoreRequest of(String method, String rawPath, String rawQuery, Map<String, String> headers, String sourceAddress)
    {
        // the same split and decoding S3Proxy applies, so both agree on which bucket and key a request names
        String[] path = rawPath.split("/", 3);
        Optional<String> bucket = path.length > 1 && !path[1].isEmpty() ? Optional.of(decode(path[1])) : Optional.empty();
        Optional<String> key = path.length > 2 && !path[2].isEmpty() ? Optional.of(decode(path[2])) : Optional.empty();
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                query.putIfAbsent(name, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        Map<String, String> lowerCase = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCase.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        return new ObjectStoreRequest(method, bucket, key, query, lowerCase, sourceAddress);
    }

    public Optional<String> header(String lowerCaseName)
    {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    public boolean hasQuery(String name)
    {
        return query.containsKey(name);
    }

    /** The session token of temporary credentials: the header, or the query parameter of a presigned URL. */
    public Optional<String> sessionToken()
    {
        return header("x-amz-security-token").or(() -> Optional.ofNullable(query.get("X-Amz-Security-Token")));
    }

    private static String decode(String text)
    {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
