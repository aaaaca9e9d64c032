package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * One key under one operator in a statement's Condition block, with the policy's values for it (JSON booleans and
 * numbers kept as their text, as IAM compares them).
 */
public record Condition(ConditionOperator operator, String key, List<String> values)
{
    public Condition
    {
        requireNonNull(operator, "operator is null");
        requireNonNull(key, "key is null");
        values = List.copyOf(values);
    }

    /**
     * Whether the request satisfies this condition. For the String and Arn operators, policy variables in the values
     * are resolved first when the document's version has them. A value whose variable has no value is, in IAM's
     * words, "effectively null. There is no equal or like value": it is dropped, so a positive operator cannot match
     * it and a negated one ({@code StringNotEquals}) holds against it.
     */
    boolean matches(ConditionKeys keys, boolean variables)
    {
        List<String> resolved = values;
        if (operator.match().substitutesVariables()) {
            resolved = values.stream()
                    .map(value -> PolicyVariables.resolve(value, keys, variables, operator.match().pattern()))
                    .flatMap(Optional::stream)
                    .toList();
        }
        return operator.evaluate(keys.get(key), resolved);
    }
}
