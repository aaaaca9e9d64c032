package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A {@link Decision} and the statement that decided it: the Deny statement for an explicit deny, the first Allow
 * statement that applied for an allow, none for an implicit deny.
 */
public record EvaluationResult(Decision decision, Optional<Statement> statement)
{
    public EvaluationResult
    {
        requireNonNull(decision, "decision is null");
        requireNonNull(statement, "statement is null");
        if (statement.isPresent() == (decision == Decision.IMPLICIT_DENY)) {
            throw new IllegalArgumentException(decision + " with statement " + statement);
        }
    }

    public static EvaluationResult implicitDeny()
    {
        return new EvaluationResult(Decision.IMPLICIT_DENY, Optional.empty());
    }

    public boolean allowed()
    {
        return decision == Decision.ALLOW;
    }

    /** For error messages: "explicit deny in statement DenyAll", "no statement allows it". */
    public String describe()
    {
        String where = statement.flatMap(Statement::sid).map(sid -> " in statement " + sid).orElse(" in a statement without a Sid");
        return switch (decision) {
            case ALLOW -> "allowed" + where;
            case EXPLICIT_DENY -> "explicit deny" + where;
            case IMPLICIT_DENY -> "no statement allows it";
        };
    }
}
