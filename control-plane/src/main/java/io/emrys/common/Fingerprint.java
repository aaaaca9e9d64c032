package io.emrys.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stable hash of a JSON document (object keys sorted), used to tell a retried request from a different request
 * that reuses a client token.
 */
public final class Fingerprint
{
    private Fingerprint() {}

    public static String of(JsonNode document)
    {
        StringBuilder canonical = new StringBuilder();
        append(canonical, document);
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A request's document with its tags, so a retry with other tags is a different request. */
    public static String of(ObjectNode document, Map<String, String> tags)
    {
        ObjectNode fingerprinted = document.deepCopy();
        fingerprinted.putPOJO("tags", new TreeMap<>(tags));
        return of(fingerprinted);
    }

    private static void append(StringBuilder out, JsonNode node)
    {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (String name : names) {
                out.append(quote(name)).append(':');
                append(out, node.get(name));
                out.append(',');
            }
            out.append('}');
        }
        else if (node.isArray()) {
            out.append('[');
            for (JsonNode element : node) {
                append(out, element);
                out.append(',');
            }
            out.append(']');
        }
        else {
            out.append(node.toString());
        }
    }

    private static String quote(String text)
    {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
