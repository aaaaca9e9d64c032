package io.emrys.iam;

import static java.util.Objects.requireNonNull;

/** A policy embedded in one user, group or role. */
public record InlinePolicy(PrincipalKind kind, String principalName, String policyName, String document)
{
    public InlinePolicy
    {
        requireNonNull(kind, "kind is null");
        requireNonNull(principalName, "principalName is null");
        requireNonNull(policyName, "policyName is null");
        requireNonNull(document, "document is null");
    }
}
