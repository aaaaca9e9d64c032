package io.emrys.api.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Parses a raw query string and builds SigV4's canonical query string from it. */
final class QueryParameters
{
    private QueryParameters() {}

    /** Decoded names to their first decoded value; a name without {@code =} has the empty value. */
    static Map<String, String> firstValues(String rawQuery)
    {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] pair : rawPairs(rawQuery)) {
            values.putIfAbsent(UriEncoding.decodeToString(pair[0]), UriEncoding.decodeToString(pair[1]));
        }
        return values;
    }

    /**
     * Each name and value decoded then encoded again with the RFC 3986 unreserved set, sorted by encoded
     * name and then value, joined with {@code &}. Decoding first makes the result independent of how the
     * client (or a proxy) chose to escape characters that did not need it.
     *
     * @param excludeSignature drop {@code X-Amz-Signature}, which a presigned URL cannot sign
     */
    static String canonical(String rawQuery, boolean excludeSignature)
    {
        List<String[]> encoded = new ArrayList<>();
        for (String[] pair : rawPairs(rawQuery)) {
            String name = UriEncoding.encode(UriEncoding.decode(pair[0]), false);
            if (excludeSignature && name.equals("X-Amz-Signature")) {
                continue;
            }
            encoded.add(new String[] {name, UriEncoding.encode(UriEncoding.decode(pair[1]), false)});
        }
        return encoded.stream()
                .sorted(Comparator.<String[], String>comparing(pair -> pair[0]).thenComparing(pair -> pair[1]))
                .map(pair -> pair[0] + "=" + pair[1])
                .collect(Collectors.joining("&"));
    }

    private static List<String[]> rawPairs(String rawQuery)
    {
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            pairs.add(equals < 0
                    ? new String[] {part, ""}
                    : new String[] {part.substring(0, equals), part.substring(equals + 1)});
        }
        return pairs;
    }
}
