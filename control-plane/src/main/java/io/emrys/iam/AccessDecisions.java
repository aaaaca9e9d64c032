package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.Caller;
import io.emrys.iam.policy.ConditionKeys;
import io.emrys.iam.policy.Decision;
import io.emrys.iam.policy.EvaluationResult;
import io.emrys.iam.policy.PolicyDocument;
import io.emrys.iam.policy.PolicyEvaluator;
import io.emrys.iam.policy.PolicyType;
import io.emrys.iam.policy.RequestContext;
import io.emrys.iam.policy.RequestPrincipal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Decides whether a caller may perform an action on a resource, with IAM's rules: the account's root may do
 * anything; anyone else needs an Allow in their policies and no Deny, and a role session started with a session
 * policy needs an Allow there too. Parsed documents are cached by their text.
 */
public final class AccessDecisions
{
    private final EffectivePolicies policies;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Clock clock;
    private final Map<String, PolicyDocument> parsed = new ConcurrentHashMap<>();

    AccessDecisions(EffectivePolicies policies, Clock clock)
    {
        this.policies = requireNonNull(policies, "policies is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * @param action such as {@code emr-serverless:StartJobRun}
     * @param resource the resource's ARN, or {@code *}
     * @param requestKeys the request's own condition keys (tags, {@code iam:PassedToService}, the source address, ...)
     */
    public Decision decide(Caller caller, String action, String resource, Consumer<ConditionKeys.Builder> requestKeys)
    {
        PrincipalDocuments documents = policies.of(caller);
        if (documents.root()) {
            return Decision.ALLOW;
        }
        RequestPrincipal principal = RequestPrincipal.aws(documents.principalArn());
        ConditionKeys.Builder keys = ConditionKeys.builder().principal(principal).currentTime(clock.instant());
        documents.userName().ifPresent(keys::username);
        requestKeys.accept(keys);
        RequestContext request = new RequestContext(principal, action, resource, keys.build());
        EvaluationResult identity = evaluator.evaluate(request, parse(documents.identityPolicies()));
        if (identity.decision() != Decision.ALLOW || documents.sessionPolicy().isEmpty()) {
            return identity.decision();
        }
        return evaluator.evaluate(request, parse(List.of(documents.sessionPolicy().get()))).decision();
    }

    PrincipalDocuments documents(Caller caller)
    {
        return policies.of(caller);
    }

    List<PolicyDocument> parse(List<String> documents)
    {
        return documents.stream().map(text -> parsed.computeIfAbsent(text, json -> PolicyDocument.parse(json, PolicyType.IDENTITY))).toList();
    }
}
