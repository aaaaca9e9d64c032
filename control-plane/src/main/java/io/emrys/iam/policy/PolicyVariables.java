package io.emrys.iam.policy;

import java.util.List;
import java.util.Optional;

/**
 * Policy variables in Resource and condition values: {@code ${aws:username}} becomes the request's value for that
 * key, {@code ${aws:PrincipalTag/team, 'none'}} falls back to the quoted default (a doubled quote is a quote), and
 * {@code ${*}}, {@code ${?}}, {@code ${$}} are a literal star, question mark and dollar. Only documents of Version
 * 2012-10-17 have variables; in older ones the text is taken as written.
 * <p>A variable whose key is absent or has several values, with no default, cannot be resolved, and {@link #resolve}
 * returns empty: a Resource or NotResource entry holding it matches no resource, and a condition value holding it
 * is dropped ({@link Condition#matches}).
 * <p>When the value is a pattern (Resource, StringLike, ArnLike) whatever a variable yields is escaped
 * ({@link Wildcards#escape}), so a star in a user's name or a {@code ${*}} never acts as a wildcard.
 */
final class PolicyVariables
{
    private PolicyVariables() {}

    static Optional<String> resolve(String template, ConditionKeys keys, boolean variables, boolean pattern)
    {
        if (!variables) {
            return Optional.of(pattern ? escapeBackslashes(template) : template);
        }
        StringBuilder resolved = new StringBuilder(template.length());
        int i = 0;
        while (i < template.length()) {
            int start = template.indexOf("${", i);
            int end = start < 0 ? -1 : closingBrace(template, start + 2);
            if (start < 0 || end < 0) {
                appendText(resolved, template.substring(i), pattern);
                break;
            }
            appendText(resolved, template.substring(i, start), pattern);
            Optional<String> value = value(template.substring(start + 2, end), keys);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            resolved.append(pattern ? Wildcards.escape(value.get()) : value.get());
            i = end + 1;
        }
        return Optional.of(resolved.toString());
    }

    private static Optional<String> value(String body, ConditionKeys keys)
    {
        String trimmed = body.trim();
        if (trimmed.equals("*") || trimmed.equals("?") || trimmed.equals("$")) {
            return Optional.of(trimmed);
        }
        int comma = trimmed.indexOf(',');
        String key = (comma < 0 ? trimmed : trimmed.substring(0, comma)).trim();
        Optional<List<String>> values = keys.get(key);
        if (values.isPresent() && values.get().size() == 1) {
            return Optional.of(values.get().get(0));
        }
        if (comma < 0) {
            return Optional.empty();
        }
        String fallback = trimmed.substring(comma + 1).trim();
        if (fallback.length() < 2 || fallback.charAt(0) != '\'' || fallback.charAt(fallback.length() - 1) != '\'') {
            return Optional.empty();
        }
        return Optional.of(fallback.substring(1, fallback.length() - 1).replace("''", "'"));
    }

    /** The index of the brace that closes a variable whose body starts at {@code from}, skipping quoted defaults. */
    private static int closingBrace(String template, int from)
    {
        boolean quoted = false;
        for (int i = from; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            else if (c == '}' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    private static void appendText(StringBuilder resolved, String text, boolean pattern)
    {
        resolved.append(pattern ? escapeBackslashes(text) : text);
    }

    // the policy's own stars and question marks stay wildcards; only a backslash, the escape character, is escaped
    private static String escapeBackslashes(String text)
    {
        return text.replace("\\", "\\\\");
    }
}
