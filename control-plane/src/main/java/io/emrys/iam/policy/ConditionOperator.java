package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A condition operator as written in a policy: an optional set prefix, the {@link MatchOperator} and an optional
 * {@code IfExists} suffix ({@code ForAllValues:StringLikeIfExists}).
 */
public record ConditionOperator(SetOperator set, MatchOperator match, boolean ifExists)
{
    private static final String IF_EXISTS = "IfExists";

    public ConditionOperator
    {
        requireNonNull(set, "set is null");
        requireNonNull(match, "match is null");
        if (ifExists && match == MatchOperator.NULL) {
            throw new IllegalArgumentException("Null has no IfExists form");
        }
    }

    /** The operator {@code name} spells, or empty if IAM has no such operator. Names are case-sensitive. */
    public static Optional<ConditionOperator> parse(String name)
    {
        SetOperator set = SetOperator.NONE;
        String rest = name;
        for (SetOperator candidate : List.of(SetOperator.FOR_ANY_VALUE, SetOperator.FOR_ALL_VALUES)) {
            if (rest.startsWith(candidate.prefix())) {
                set = candidate;
                rest = rest.substring(candidate.prefix().length());
                break;
            }
        }
        boolean ifExists = rest.endsWith(IF_EXISTS);
        String base = ifExists ? rest.substring(0, rest.length() - IF_EXISTS.length()) : rest;
        Optional<MatchOperator> match = MatchOperator.fromJsonName(base);
        if (match.isEmpty() || (ifExists && match.get() == MatchOperator.NULL)) {
            return Optional.empty();
        }
        return Optional.of(new ConditionOperator(set, match.get(), ifExists));
    }

    public String jsonName()
    {
        return set.prefix() + match.jsonName() + (ifExists ? IF_EXISTS : "");
    }

    /**
     * Whether the request's values for a key satisfy the policy's values ({@code requestValues} is empty when the
     * request lacks the key). The policy's values are ORed; a negated operator is the NOR of its positive twin.
     */
    boolean evaluate(Optional<List<String>> requestValues, List<String> policyValues)
    {
        if (match == MatchOperator.NULL) {
            boolean absent = requestValues.isEmpty();
            return policyValues.stream().anyMatch(value -> value.equalsIgnoreCase(absent ? "true" : "false"));
        }
        if (requestValues.isEmpty()) {
            return switch (set) {
                case FOR_ALL_VALUES -> true;
                case FOR_ANY_VALUE -> ifExists;
                case NONE -> ifExists || match.negated();
            };
        }
        Predicate<String> matchesAPolicyValue = request -> policyValues.stream().anyMatch(policy -> match.test(request, policy));
        List<String> values = requestValues.get();
        return switch (set) {
            case NONE -> match.negated() ? values.stream().noneMatch(matchesAPolicyValue) : values.stream().anyMatch(matchesAPolicyValue);
            case FOR_ANY_VALUE -> values.stream().anyMatch(match.negated() ? matchesAPolicyValue.negate() : matchesAPolicyValue);
            case FOR_ALL_VALUES -> values.stream().allMatch(match.negated() ? matchesAPolicyValue.negate() : matchesAPolicyValue);
        };
    }
}
