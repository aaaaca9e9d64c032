package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The input broke constraints of the model; the error mapper words it in the service's {@link ValidationStyle}. */
final class ValidationFailure
        extends RuntimeException
{
    private final List<Violation> violations;

    ValidationFailure(List<Violation> violations)
    {
        super(violations.size() + " validation error(s)", null, false, false);
        this.violations = List.copyOf(requireNonNull(violations, "violations is null"));
    }

    List<Violation> violations()
    {
        return violations;
    }
}
