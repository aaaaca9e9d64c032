package io.emrys.iam.policy;

import static io.emrys.iam.policy.PolicyFixtures.EVALUATOR;
import static io.emrys.iam.policy.PolicyFixtures.identityPolicy;
import static io.emrys.iam.policy.PolicyFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PolicyEvaluatorTest
{
    private static final RequestContext START_JOB_RUN = request("emr-serverless:StartJobRun", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/a");

    @Test
    void explicitDenyOverridesAllow()
    {
        PolicyDocument policy = identityPolicy("{'Sid':'AllowAll','Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Sid':'NoJobs','Effect':'Deny','Action':'emr-serverless:StartJobRun','Resource':'*'}");

        EvaluationResult result = EVALUATOR.evaluate(START_JOB_RUN, List.of(policy));

        assertThat(result.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(result.statement().flatMap(Statement::sid)).contains("NoJobs");
        assertThat(result.allowed()).isFalse();
        assertThat(result.describe()).isEqualTo("explicit deny in statement NoJobs");
    }

    @Test
    void explicitDenyInOnePolicyOverridesAllowInAnother()
    {
        PolicyDocument allow = identityPolicy("{'Effect':'Allow','Action':'emr-serverless:*','Resource':'*'}");
        PolicyDocument deny = identityPolicy("{'Effect':'Deny','Action':'emr-serverless:Start*','Resource':'*'}");

        assertThat(EVALUATOR.evaluate(START_JOB_RUN, List.of(allow, deny)).decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(EVALUATOR.evaluate(START_JOB_RUN, List.of(deny, allow)).decision()).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void allowWhenAnAllowStatementAppliesAndNoDenyDoes()
    {
        PolicyDocument policy = identityPolicy("{'Sid':'Jobs','Effect':'Allow','Action':'emr-serverless:StartJobRun','Resource':'*'},"
                + "{'Sid':'NoSessions','Effect':'Deny','Action':'emr-serverless:StartSession','Resource':'*'}");

        EvaluationResult result = EVALUATOR.evaluate(START_JOB_RUN, List.of(policy));

        assertThat(result.decision()).isEqualTo(Decision.ALLOW);
        assertThat(result.statement().flatMap(Statement::sid)).contains("Jobs");
        assertThat(result.describe()).isEqualTo("allowed in statement Jobs");
    }

    @Test
    void implicitDenyWhenNothingApplies()
    {
        PolicyDocument policy = identityPolicy("{'Effect':'Allow','Action':'emr-serverless:GetJobRun','Resource':'*'}");

        EvaluationResult result = EVALUATOR.evaluate(START_JOB_RUN, List.of(policy));

        assertThat(result).isEqualTo(EvaluationResult.implicitDeny());
        assertThat(result.describe()).isEqualTo("no statement allows it");
    }

    @Test
    void implicitDenyWithoutPolicies()
    {
        assertThat(EVALUATOR.evaluate(START_JOB_RUN, List.of()).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aDenyWhoseConditionFailsDoesNotDeny()
    {
        PolicyDocument policy = identityPolicy("{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','Action':'*','Resource':'*','Condition':{'Bool':{'aws:SecureTransport':'false'}}}");
        RequestContext secure = request(START_JOB_RUN.action(), START_JOB_RUN.resource(),
                ConditionKeys.builder().principal(PolicyFixtures.ALICE).secureTransport(true).build());
        RequestContext plain = request(START_JOB_RUN.action(), START_JOB_RUN.resource(),
                ConditionKeys.builder().principal(PolicyFixtures.ALICE).secureTransport(false).build());

        assertThat(EVALUATOR.evaluate(secure, List.of(policy)).decision()).isEqualTo(Decision.ALLOW);
        assertThat(EVALUATOR.evaluate(plain, List.of(policy)).decision()).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void aDenyWithNotActionDeniesEverythingElse()
    {
        PolicyDocument policy = identityPolicy("{'Effect':'Allow','Action':'*','Resource':'*'},"
                + "{'Effect':'Deny','NotAction':['emr-serverless:Get*','emr-serverless:List*'],'Resource':'*'}");

        assertThat(EVALUATOR.evaluate(START_JOB_RUN, List.of(policy)).decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(EVALUATOR.evaluate(request("emr-serverless:GetJobRun", "*"), List.of(policy)).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void describesAStatementWithoutASid()
    {
        PolicyDocument policy = identityPolicy("{'Effect':'Allow','Action':'*','Resource':'*'}");

        assertThat(EVALUATOR.evaluate(START_JOB_RUN, List.of(policy)).describe()).isEqualTo("allowed in a statement without a Sid");
    }
}
