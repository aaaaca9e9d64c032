package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.smithy.model.pattern.SmithyPattern.Segment;
import software.amazon.smithy.model.pattern.UriPattern;
import software.amazon.smithy.model.shapes.OperationShape;

/**
 * One operation's {@code @http} binding: a method and a URI pattern of literal segments, labels and at most one
 * greedy label, plus literal query parameters that must be present.
 */
record HttpRoute(OperationShape operation, String method, UriPattern pattern)
{
    HttpRoute
    {
        requireNonNull(operation, "operation is null");
        requireNonNull(method, "method is null");
        requireNonNull(pattern, "pattern is null");
    }

    /**
     * Matches percent-encoded path segments (leading slash removed, no query) and the decoded query.
     * Returns the decoded label values, or empty when this route does not apply.
     */
    Optional<Map<String, String>> match(List<String> rawSegments, Map<String, List<String>> query)
    {
        for (Map.Entry<String, String> literal : pattern.getQueryLiterals().entrySet()) {
            List<String> values = query.get(literal.getKey());
            if (values == null) {
                return Optional.empty();
            }
            if (!literal.getValue().isEmpty() && !values.contains(literal.getValue())) {
                return Optional.empty();
            }
        }
        List<Segment> segments = pattern.getSegments();
        Map<String, String> labels = new HashMap<>();
        int position = 0;
        for (int index = 0; index < segments.size(); index++) {
            Segment segment = segments.get(index);
            if (segment.isGreedyLabel()) {
                // the greedy label takes everything up to the literal segments that follow it
                int remainingAfter = segments.size() - index - 1;
                int end = rawSegments.size() - remainingAfter;
                if (end <= position) {
                    return Optional.empty();
                }
                StringBuilder value = new StringBuilder();
                for (int taken = position; taken < end; taken++) {
                    if (taken > position) {
                        value.append('/');
                    }
                    value.append(decode(rawSegments.get(taken)));
                }
                if (value.toString().isEmpty()) {
                    return Optional.empty();
                }
                labels.put(segment.getContent(), value.toString());
                position = end;
                continue;
            }
            if (position >= rawSegments.size()) {
                return Optional.empty();
            }
            String decoded = decode(rawSegments.get(position));
            if (segment.isLabel()) {
                if (decoded.isEmpty()) {
                    return Optional.empty();
                }
                labels.put(segment.getContent(), decoded);
            }
            else if (!segment.getContent().equals(decoded)) {
                return Optional.empty();
            }
            position++;
        }
        if (position != rawSegments.size()) {
            return Optional.empty();
        }
        return Optional.of(labels);
    }

    /** Routes with more literal text win over routes that would capture the same path in a label. */
    int specificity()
    {
        int literals = 0;
        for (Segment segment : pattern.getSegments()) {
            if (segment.isLiteral()) {
                literals += 2;
            }
            else if (segment.isNonGreedyLabel()) {
                literals += 1;
            }
        }
        return literals * 16 + pattern.getQueryLiterals().size();
    }

    /** Percent-decoding only: in a path, '+' is a literal plus sign. */
    static String decode(String raw)
    {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw ProtocolException.serialization("Malformed percent-encoding in the path: " + raw);
        }
    }
}
