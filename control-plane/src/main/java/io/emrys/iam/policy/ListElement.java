package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.BiPredicate;

/**
 * Action or NotAction, Resource or NotResource: the patterns a statement lists, and whether it lists them to
 * exclude them. A NotAction statement applies to every action but those listed, and so for NotResource.
 */
public record ListElement(boolean negated, List<String> patterns)
{
    public ListElement
    {
        patterns = List.copyOf(requireNonNull(patterns, "patterns is null"));
    }

    /** Whether the element covers {@code value}, given how one pattern matches it. */
    boolean covers(String value, BiPredicate<String, String> patternMatches)
    {
        boolean listed = patterns.stream().anyMatch(pattern -> patternMatches.test(pattern, value));
        return negated != listed;
    }
}
