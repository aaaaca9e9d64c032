package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * IAM's decision for one account's policies: a Deny statement that applies wins over everything; otherwise an
 * Allow statement that applies allows; otherwise the request is implicitly denied. Stateless and thread-safe.
 * Permission boundaries, session policies and SCPs are not modelled.
 */
public final class PolicyEvaluator
{
    /**
     * The decision of a principal's identity policies (every policy attached to it, in any order). A statement that
     * names a principal, as a resource policy's do, applies only to that principal; combining identity and resource
     * policies across accounts is left to the caller.
     */
    public EvaluationResult evaluate(RequestContext request, List<PolicyDocument> identityPolicies)
    {
        requireNonNull(request, "request is null");
        requireNonNull(identityPolicies, "identityPolicies is null");
        Optional<Statement> allow = Optional.empty();
        for (PolicyDocument policy : identityPolicies) {
            for (Statement statement : policy.statements()) {
                if (!statement.appliesTo(request, policy.substitutesVariables())) {
                    continue;
                }
                if (statement.effect() == Effect.DENY) {
                    return new EvaluationResult(Decision.EXPLICIT_DENY, Optional.of(statement));
                }
                if (allow.isEmpty()) {
                    allow = Optional.of(statement);
                }
            }
        }
        return allow.map(statement -> new EvaluationResult(Decision.ALLOW, Optional.of(statement))).orElseGet(EvaluationResult::implicitDeny);
    }

    /**
     * The decision of a role's trust policy on a request to assume it ({@code sts:AssumeRole}, or a service taking the
     * role on): as {@link #evaluate}, but only statements that name a principal can apply, and they must name the
     * request's.
     */
    public EvaluationResult evaluateTrust(RequestContext request, PolicyDocument trustPolicy)
    {
        requireNonNull(trustPolicy, "trustPolicy is null");
        List<Statement> naming = trustPolicy.statements().stream().filter(statement -> statement.principal().isPresent()).toList();
        return evaluate(request, List.of(new PolicyDocument(trustPolicy.version(), naming)));
    }
}
