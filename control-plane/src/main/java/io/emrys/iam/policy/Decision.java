package io.emrys.iam.policy;

/** The outcome of evaluating a request against policies. */
public enum Decision
{
    /** An Allow statement applies and no Deny statement does. */
    ALLOW,
    /** A Deny statement applies; no Allow anywhere can override it. */
    EXPLICIT_DENY,
    /** No statement applies: IAM denies by default. */
    IMPLICIT_DENY
}
