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
     * Whether the request satisfies this condition. Policy variables in the values are resolved first when the
     * document's version has them; a value whose variable cannot be resolved matches nothing, and a condition left
     * with no value at all is false whatever its operator.
     */
    boolean matches(ConditionKeys keys, boolean variables)
    {
        List<String> resolved = values.stream()
                .map(value -> PolicyVariables.resolve(value, keys, variables, operator.match().pattern()))
                .flatMap(Optional::stream)
                .toList();
        if (resolved.isEmpty()) {
            return false;
        }
        return operator.evaluate(keys.get(key), resolved);
    }
}
