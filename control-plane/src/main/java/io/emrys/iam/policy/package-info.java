/**
 * IAM policy documents and their evaluation, with AWS's rules. Start at {@link io.emrys.iam.policy.PolicyDocument#parse}
 * (refuses what IAM refuses with a {@link io.emrys.iam.policy.MalformedPolicyException}) and
 * {@link io.emrys.iam.policy.PolicyEvaluator}, which decides a {@link io.emrys.iam.policy.RequestContext} against
 * identity policies or a role's trust policy. Condition operators live in {@link io.emrys.iam.policy.ConditionOperator}
 * and {@link io.emrys.iam.policy.MatchOperator}; the request's keys in {@link io.emrys.iam.policy.ConditionKeys}.
 * <p>Layering: may use only Jackson and the JDK (no Armeria, no store, no api), so that any layer can evaluate a
 * policy (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.iam.policy;
