package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.OptionalInt;

/**
 * One broken constraint, kept structured so that each {@link ValidationStyle} can word it its own way.
 *
 * @param path member names, map keys and list indexes (0-based) from the input root to the value
 * @param value the offending value as text, or null when it is absent or sensitive
 * @param length the measured length, for length constraints only
 * @param constraint the clause in Smithy's wording, e.g. {@code Member must have length between 1 and 64, inclusive}
 * @param awsConstraint the clause in AWS's wording, which names only the bound that was broken, e.g.
 *        {@code Member must have length less than or equal to 64}
 */
public record Violation(List<String> path, String value, OptionalInt length, String constraint, String awsConstraint)
{
    /** A constraint both styles word the same way. */
    public Violation(List<String> path, String value, String constraint)
    {
        this(path, value, OptionalInt.empty(), constraint, constraint);
    }

    public Violation
    {
        path = List.copyOf(requireNonNull(path, "path is null"));
        requireNonNull(length, "length is null");
        requireNonNull(constraint, "constraint is null");
        requireNonNull(awsConstraint, "awsConstraint is null");
    }
}
