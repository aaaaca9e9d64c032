package io.emrys.iam.policy;

/** How a condition treats a key with several values in the request. */
public enum SetOperator
{
    /** No prefix: matches when any request value matches (for a negated operator, when none matches). */
    NONE(""),
    /** {@code ForAnyValue:} at least one request value must match; false for an absent key. */
    FOR_ANY_VALUE("ForAnyValue:"),
    /** {@code ForAllValues:} every request value must match; true for an absent key. */
    FOR_ALL_VALUES("ForAllValues:");

    private final String prefix;

    SetOperator(String prefix)
    {
        this.prefix = prefix;
    }

    public String prefix()
    {
        return prefix;
    }
}
