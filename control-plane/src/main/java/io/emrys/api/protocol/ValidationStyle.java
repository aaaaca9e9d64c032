package io.emrys.api.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a service words a ValidationException. AWS's own services (EMR Serverless among them) answer with only a
 * {@code message} in Coral's wording; Smithy's {@code smithy.framework#ValidationException}, used by the
 * protocol compliance suite, adds a {@code fieldList} with JSON-pointer paths.
 */
public enum ValidationStyle
{
    /** {@code 1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must ...}. */
    AWS
    {
        @Override
        String describe(Violation violation)
        {
            String path = String.join(".", violation.path());
            String value = violation.value() == null ? "null" : "'" + violation.value() + "'";
            return "Value " + value + " at '" + path + "' failed to satisfy constraint: " + violation.awsConstraint();
        }

        @Override
        ObjectNode document(List<Violation> violations)
        {
            ObjectNode document = NODES.objectNode();
            document.put("message", summary(violations, ": "));
            return document;
        }
    },
    /**
     * AWS's query services (IAM, STS), answered as {@code ValidationError}: Coral's wording with the path as the
     * query names it in lower camel case, list elements 1-based under {@code member}:
     * {@code Value 'x' at 'tags.1.member.value' failed to satisfy constraint: ...}. A path segment of digits alone is
     * taken for a list index: neither IAM's nor STS's inputs hold a map.
     */
    AWS_QUERY
    {
        @Override
        String describe(Violation violation)
        {
            List<String> segments = new ArrayList<>();
            for (String segment : violation.path()) {
                if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
                    segments.add((Integer.parseInt(segment) + 1) + ".member");
                }
                else {
                    segments.add(segment.isEmpty() ? segment : Character.toLowerCase(segment.charAt(0)) + segment.substring(1));
                }
            }
            String value = violation.value() == null ? "null" : "'" + violation.value() + "'";
            return "Value " + value + " at '" + String.join(".", segments) + "' failed to satisfy constraint: " + violation.awsConstraint();
        }

        @Override
        ObjectNode document(List<Violation> violations)
        {
            ObjectNode document = NODES.objectNode();
            document.put("message", summary(violations, ": "));
            return document;
        }
    },
    /** {@code 1 validation error detected. Value at '/name' failed to satisfy constraint: ...} plus {@code fieldList}. */
    SMITHY_FRAMEWORK
    {
        @Override
        String describe(Violation violation)
        {
            String length = violation.length().isPresent() ? " with length " + violation.length().getAsInt() : "";
            return "Value" + length + " at '" + pointer(violation) + "' failed to satisfy constraint: " + violation.constraint();
        }

        @Override
        ObjectNode document(List<Violation> violations)
        {
            ObjectNode document = NODES.objectNode();
            document.put("message", summary(violations, ". "));
            ArrayNode fields = document.putArray("fieldList");
            for (Violation violation : violations) {
                ObjectNode field = fields.addObject();
                field.put("message", describe(violation));
                field.put("path", pointer(violation));
            }
            return document;
        }
    };

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    abstract String describe(Violation violation);

    /** The ValidationException's members as a normalized document. */
    abstract ObjectNode document(List<Violation> violations);

    String summary(List<Violation> violations, String separator)
    {
        String count = violations.size() == 1 ? "1 validation error detected" : violations.size() + " validation errors detected";
        return count + separator + violations.stream().map(this::describe).collect(Collectors.joining("; "));
    }

    private static String pointer(Violation violation)
    {
        StringBuilder pointer = new StringBuilder();
        for (String segment : violation.path()) {
            pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }
}
