package io.emrys.iam.policy;

/**
 * A policy document IAM would refuse, with IAM's wording where it has one ("Syntax errors in policy.", "Policy
 * statement must contain actions."). Whoever answers a request turns it into IAM's {@code MalformedPolicyDocument}
 * error, whose code {@link #ERROR_CODE} names.
 */
public final class MalformedPolicyException
        extends RuntimeException
{
    public static final String ERROR_CODE = "MalformedPolicyDocument";

    public MalformedPolicyException(String message)
    {
        super(message);
    }
}
