package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.Caller;
import io.emrys.iam.policy.Decision;
import io.emrys.iam.policy.EvaluationResult;
import io.emrys.iam.policy.PolicyDocument;
import io.emrys.iam.policy.PolicyEvaluator;
import io.emrys.iam.policy.PolicyType;
import io.emrys.iam.policy.PrincipalType;
import io.emrys.iam.policy.RequestContext;
import io.emrys.iam.policy.RequestPrincipal;
import java.util.List;

/**
 * Whether a principal of this account may assume a role, as IAM decides within one account: the role's trust
 * policy must allow {@code sts:AssumeRole} to the caller and the caller's policies must not deny it; if the trust
 * policy names the caller only through its account (the account root or {@code *}), the caller's own policies must
 * also allow it, while a trust policy that names the caller's ARN is enough on its own.
 */
final class TrustEvaluation
        implements RoleTrust
{
    static final String ASSUME_ROLE = "sts:AssumeRole";

    private final AccessDecisions decisions;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    TrustEvaluation(AccessDecisions decisions)
    {
        this.decisions = requireNonNull(decisions, "decisions is null");
    }

    @Override
    public boolean mayAssume(Caller caller, IamRole role)
    {
        PrincipalDocuments documents = decisions.documents(caller);
        RequestPrincipal principal = RequestPrincipal.aws(documents.principalArn());
        EvaluationResult trust = evaluator.evaluateTrust(RequestContext.of(principal, ASSUME_ROLE, role.arn()),
                PolicyDocument.parse(role.trustPolicy(), PolicyType.TRUST));
        if (!trust.allowed()) {
            return false;
        }
        Decision identity = decisions.decide(caller, ASSUME_ROLE, role.arn(), keys -> {});
        if (identity == Decision.EXPLICIT_DENY) {
            return false;
        }
        boolean namedExactly = trust.statement().flatMap(statement -> statement.principal())
                .map(element -> element.ids().getOrDefault(PrincipalType.AWS, List.of()).contains(documents.principalArn()))
                .orElse(false);
        return namedExactly || identity == Decision.ALLOW;
    }
}
