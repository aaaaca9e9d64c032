package io.emrys.iam.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Principal or NotPrincipal element: {@code "*"}, or an object from {@link PrincipalType} names to a string
 * or an array of strings. IAM allows no wildcards in principals other than a whole {@code "*"}.
 */
final class PrincipalParser
{
    private PrincipalParser() {}

    static PrincipalElement parse(JsonNode node, boolean negated)
    {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw invalid("\"" + node.asText() + "\"");
            }
            return new PrincipalElement(negated, true, Map.of());
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new MalformedPolicyException(PolicyParser.SYNTAX_ERRORS);
        }
        boolean anyone = false;
        Map<PrincipalType, List<String>> ids = new EnumMap<>(PrincipalType.class);
        for (Iterator<Map.Entry<String, JsonNode>> entries = node.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            Optional<PrincipalType> type = PrincipalType.fromJsonName(entry.getKey());
            if (type.isEmpty()) {
                throw invalid("\"" + entry.getKey() + "\":" + entry.getValue());
            }
            List<String> values = PolicyParser.strings(entry.getValue());
            if (values.isEmpty()) {
                throw new MalformedPolicyException(PolicyParser.SYNTAX_ERRORS);
            }
            for (String value : values) {
                if (type.get() == PrincipalType.AWS && value.equals("*")) {
                    // IAM documents {"AWS": "*"} as the same as "*"
                    anyone = true;
                }
                else if (!valid(type.get(), value)) {
                    throw invalid("\"" + type.get().jsonName() + "\":\"" + value + "\"");
                }
            }
            ids.put(type.get(), values);
        }
        return new PrincipalElement(negated, anyone, ids);
    }

    private static boolean valid(PrincipalType type, String value)
    {
        if (value.isEmpty() || value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            return false;
        }
        if (type != PrincipalType.AWS) {
            return true;
        }
        if (PrincipalElement.isAccountId(value)) {
            return true;
        }
        String[] parts = value.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn") || parts[1].isEmpty() || !parts[3].isEmpty() || !PrincipalElement.isAccountId(parts[4])) {
            return false;
        }
        String resource = parts[5];
        return switch (parts[2]) {
            case "iam" -> resource.equals("root") || resource.startsWith("user/") || resource.startsWith("role/");
            case "sts" -> resource.startsWith("assumed-role/") || resource.startsWith("federated-user/");
            default -> false;
        };
    }

    private static MalformedPolicyException invalid(String principal)
    {
        return new MalformedPolicyException("Invalid principal in policy: " + principal);
    }
}
