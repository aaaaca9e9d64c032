package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

/** One row of a condition table: a Condition block, the request's keys and whether the block should hold. */
record ConditionCase(String name, String condition, ConditionKeys keys, boolean holds)
{
    ConditionCase
    {
        requireNonNull(name, "name is null");
        requireNonNull(condition, "condition is null");
        requireNonNull(keys, "keys is null");
    }

    static ConditionCase holds(String name, String condition, ConditionKeys keys)
    {
        return new ConditionCase(name, condition, keys, true);
    }

    static ConditionCase fails(String name, String condition, ConditionKeys keys)
    {
        return new ConditionCase(name, condition, keys, false);
    }

    boolean evaluate()
    {
        return PolicyFixtures.conditionHolds(condition, keys);
    }

    @Override
    public String toString()
    {
        return name;
    }
}
