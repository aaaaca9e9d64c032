package io.emrys.iam.policy;

/** Which kind of policy a document is, which decides what its statements must and must not name. */
public enum PolicyType
{
    /** Attached to a user or role: no Principal, and Resource or NotResource required. */
    IDENTITY,
    /** Attached to a resource: Principal or NotPrincipal required, and Resource or NotResource. */
    RESOURCE,
    /** A role's trust policy: Principal or NotPrincipal required, and no Resource (the role is the resource). */
    TRUST
}
