package io.emrys.iam.policy;

/**
 * IAM's wildcards: {@code *} matches any run of characters, {@code ?} any one character, and a backslash makes the
 * next character literal (how a substituted policy variable or a {@code ${*}} escape stays literal; see
 * {@link PolicyVariables}). A pattern without wildcards is compared as it is; one whose stars may all take anything is
 * matched in one greedy pass; one with stars confined to an ARN segment by a dynamic programme over pattern and value.
 * None is a regular expression, so no pattern costs exponential backtracking.
 */
final class Wildcards
{
    private static final int LITERAL = 0;
    private static final int ONE = 1;
    private static final int ANY = 2;
    private static final int ANY_IN_SEGMENT = 3;

    private Wildcards() {}

    /** Case-sensitive, as for StringLike and the segments of ArnLike. */
    static boolean matches(String pattern, String value)
    {
        return matches(pattern, value, false, false);
    }

    /** Case-insensitive, as for Action and NotAction. */
    static boolean matchesIgnoreCase(String pattern, String value)
    {
        return matches(pattern, value, true, false);
    }

    /**
     * For Resource and NotResource: a star inside an ARN segment stays inside it, and one that ends a segment
     * (followed by a colon or by the end of the pattern) may run on across colons, as IAM documents
     * ({@code arn:aws:ec2:*} covers every EC2 ARN; {@code arn:aws:iam::*root} does not cross into another segment).
     */
    static boolean matchesResource(String pattern, String value)
    {
        return matches(pattern, value, false, true);
    }

    /** {@code literal} as a pattern that matches exactly itself. */
    static String escape(String literal)
    {
        StringBuilder escaped = new StringBuilder(literal.length());
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static boolean matches(String pattern, String value, boolean ignoreCase, boolean segmentStars)
    {
        // most patterns a request meets are plain names (an action, an ARN): no need to tokenize them
        if (pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0 && pattern.indexOf('\\') < 0) {
            return ignoreCase ? pattern.equalsIgnoreCase(value) : pattern.equals(value);
        }
        int[] kinds = new int[pattern.length()];
        char[] literals = new char[pattern.length()];
        int tokens = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                kinds[tokens] = LITERAL;
                literals[tokens++] = pattern.charAt(++i);
            }
            else if (c == '?') {
                kinds[tokens++] = ONE;
            }
            else if (c == '*') {
                boolean endsSegment = i + 1 == pattern.length() || pattern.charAt(i + 1) == ':';
                kinds[tokens++] = segmentStars && !endsSegment ? ANY_IN_SEGMENT : ANY;
            }
            else {
                kinds[tokens] = LITERAL;
                literals[tokens++] = c;
            }
        }
        boolean segmentRestricted = false;
        for (int t = 0; t < tokens; t++) {
            segmentRestricted |= kinds[t] == ANY_IN_SEGMENT;
        }
        if (!segmentRestricted) {
            return greedy(kinds, literals, tokens, value, ignoreCase);
        }
        // after[j]: do the tokens after the current one match value.substring(j)?
        int length = value.length();
        boolean[] after = new boolean[length + 1];
        boolean[] current = new boolean[length + 1];
        after[length] = true;
        for (int t = tokens - 1; t >= 0; t--) {
            current[length] = (kinds[t] == ANY || kinds[t] == ANY_IN_SEGMENT) && after[length];
            for (int j = length - 1; j >= 0; j--) {
                char c = value.charAt(j);
                current[j] = switch (kinds[t]) {
                    case LITERAL -> same(literals[t], c, ignoreCase) && after[j + 1];
                    case ONE -> after[j + 1];
                    case ANY -> after[j] || current[j + 1];
                    default -> after[j] || (c != ':' && current[j + 1]);
                };
            }
            boolean[] swap = after;
            after = current;
            current = swap;
        }
        return after[0];
    }

    /**
     * Plain glob matching in one pass: on a mismatch, only the most recent star needs to take one more character,
     * because any star may take anything. Used when no star is confined to a segment.
     */
    private static boolean greedy(int[] kinds, char[] literals, int tokens, String value, boolean ignoreCase)
    {
        int t = 0;
        int j = 0;
        int starToken = -1;
        int starValue = -1;
        while (j < value.length()) {
            if (t < tokens && kinds[t] == ANY) {
                starToken = t++;
                starValue = j;
            }
            else if (t < tokens && (kinds[t] == ONE || (kinds[t] == LITERAL && same(literals[t], value.charAt(j), ignoreCase)))) {
                t++;
                j++;
            }
            else if (starToken >= 0) {
                t = starToken + 1;
                j = ++starValue;
            }
            else {
                return false;
            }
        }
        while (t < tokens && kinds[t] == ANY) {
            t++;
        }
        return t == tokens;
    }

    private static boolean same(char a, char b, boolean ignoreCase)
    {
        return a == b || (ignoreCase && (Character.toUpperCase(a) == Character.toUpperCase(b) || Character.toLowerCase(a) == Character.toLowerCase(b)));
    }
}
