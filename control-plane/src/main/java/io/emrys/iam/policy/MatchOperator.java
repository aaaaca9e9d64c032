package io.emrys.iam.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;

/**
 * IAM's condition operators without their {@code ForAnyValue:}/{@code ForAllValues:} prefix and {@code IfExists}
 * suffix. Each negated operator ({@code StringNotEquals}, {@code NotIpAddress}, ...) holds the test of its positive
 * twin; {@link ConditionOperator} applies the negation over the whole set of values, which is what IAM's "NOR of the
 * policy values" means.
 */
public enum MatchOperator
{
    STRING_EQUALS("StringEquals", false, false, String::equals),
    STRING_NOT_EQUALS("StringNotEquals", true, false, String::equals),
    STRING_EQUALS_IGNORE_CASE("StringEqualsIgnoreCase", false, false, String::equalsIgnoreCase),
    STRING_NOT_EQUALS_IGNORE_CASE("StringNotEqualsIgnoreCase", true, false, String::equalsIgnoreCase),
    STRING_LIKE("StringLike", false, true, (request, policy) -> Wildcards.matches(policy, request)),
    STRING_NOT_LIKE("StringNotLike", true, true, (request, policy) -> Wildcards.matches(policy, request)),
    NUMERIC_EQUALS("NumericEquals", false, false, numeric(order -> order == 0)),
    NUMERIC_NOT_EQUALS("NumericNotEquals", true, false, numeric(order -> order == 0)),
    NUMERIC_LESS_THAN("NumericLessThan", false, false, numeric(order -> order < 0)),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", false, false, numeric(order -> order <= 0)),
    NUMERIC_GREATER_THAN("NumericGreaterThan", false, false, numeric(order -> order > 0)),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", false, false, numeric(order -> order >= 0)),
    DATE_EQUALS("DateEquals", false, false, date(order -> order == 0)),
    DATE_NOT_EQUALS("DateNotEquals", true, false, date(order -> order == 0)),
    DATE_LESS_THAN("DateLessThan", false, false, date(order -> order < 0)),
    DATE_LESS_THAN_EQUALS("DateLessThanEquals", false, false, date(order -> order <= 0)),
    DATE_GREATER_THAN("DateGreaterThan", false, false, date(order -> order > 0)),
    DATE_GREATER_THAN_EQUALS("DateGreaterThanEquals", false, false, date(order -> order >= 0)),
    BOOL("Bool", false, false, String::equalsIgnoreCase),
    BINARY_EQUALS("BinaryEquals", false, false, MatchOperator::sameBytes),
    IP_ADDRESS("IpAddress", false, false, MatchOperator::inRange),
    NOT_IP_ADDRESS("NotIpAddress", true, false, MatchOperator::inRange),
    ARN_EQUALS("ArnEquals", false, true, (request, policy) -> ArnPattern.matches(policy, request)),
    ARN_NOT_EQUALS("ArnNotEquals", true, true, (request, policy) -> ArnPattern.matches(policy, request)),
    ARN_LIKE("ArnLike", false, true, (request, policy) -> ArnPattern.matches(policy, request)),
    ARN_NOT_LIKE("ArnNotLike", true, true, (request, policy) -> ArnPattern.matches(policy, request)),
    /** Tests a key's presence, not its values; has no IfExists form. */
    NULL("Null", false, false, (request, policy) -> false);

    private final String jsonName;
    private final boolean negated;
    private final boolean pattern;
    private final BiPredicate<String, String> positiveTest;

    MatchOperator(String jsonName, boolean negated, boolean pattern, BiPredicate<String, String> positiveTest)
    {
        this.jsonName = jsonName;
        this.negated = negated;
        this.pattern = pattern;
        this.positiveTest = positiveTest;
    }

    public String jsonName()
    {
        return jsonName;
    }

    /** Whether the operator is a negation ({@code StringNotEquals}), true for a key the request lacks. */
    public boolean negated()
    {
        return negated;
    }

    /** Whether policy values are wildcard patterns, so policy variables must resolve to escaped text. */
    boolean pattern()
    {
        return pattern;
    }

    /** Whether policy variables are substituted in the values: IAM does so for the String and Arn operators only. */
    boolean substitutesVariables()
    {
        return jsonName.startsWith("String") || jsonName.startsWith("Arn");
    }

    /** The positive test of one request value against one policy value (for a negated operator, its twin's). */
    boolean test(String requestValue, String policyValue)
    {
        return positiveTest.test(requestValue, policyValue);
    }

    static Optional<MatchOperator> fromJsonName(String name)
    {
        return Arrays.stream(values()).filter(operator -> operator.jsonName.equals(name)).findFirst();
    }

    // the request value is on the left: NumericLessThan holds when the request's number is less than the policy's
    private static BiPredicate<String, String> numeric(IntPredicate order)
    {
        return (request, policy) -> {
            Optional<BigDecimal> left = number(request);
            Optional<BigDecimal> right = number(policy);
            return left.isPresent() && right.isPresent() && order.test(left.get().compareTo(right.get()));
        };
    }

    private static BiPredicate<String, String> date(IntPredicate order)
    {
        return (request, policy) -> {
            Optional<Instant> left = DateValues.parse(request);
            Optional<Instant> right = DateValues.parse(policy);
            return left.isPresent() && right.isPresent() && order.test(left.get().compareTo(right.get()));
        };
    }

    private static Optional<BigDecimal> number(String text)
    {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean sameBytes(String request, String policy)
    {
        try {
            return Arrays.equals(Base64.getDecoder().decode(request), Base64.getDecoder().decode(policy));
        }
        catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean inRange(String request, String policy)
    {
        return IpRange.parse(policy).map(range -> range.contains(request)).orElse(false);
    }
}
