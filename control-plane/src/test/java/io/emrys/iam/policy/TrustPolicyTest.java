package io.emrys.iam.policy;

import static io.emrys.iam.policy.PolicyFixtures.EVALUATOR;
import static io.emrys.iam.policy.PolicyFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class TrustPolicyTest
{
    private static final RequestPrincipal ALICE = RequestPrincipal.aws("arn:aws:iam::123456789012:user/alice");
    private static final RequestPrincipal ROOT = RequestPrincipal.aws("arn:aws:iam::123456789012:root");
    private static final RequestPrincipal OTHER_ACCOUNT = RequestPrincipal.aws("arn:aws:iam::111122223333:user/mallory");
    private static final RequestPrincipal ROLE = RequestPrincipal.aws("arn:aws:iam::123456789012:role/ops/Deployer");
    private static final RequestPrincipal ROLE_SESSION = RequestPrincipal.aws("arn:aws:sts::123456789012:assumed-role/Deployer/build-42");
    private static final RequestPrincipal OTHER_ROLE_SESSION = RequestPrincipal.aws("arn:aws:sts::123456789012:assumed-role/Reader/build-42");
    private static final RequestPrincipal EMR_SERVERLESS = RequestPrincipal.service("emr-serverless.amazonaws.com");
    private static final RequestPrincipal EC2 = RequestPrincipal.service("ec2.amazonaws.com");

    record Row(String name, String principal, RequestPrincipal caller, boolean trusted)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static Stream<Row> principals()
    {
        return Stream.of(
                new Row("a star trusts anyone", "'Principal':'*'", OTHER_ACCOUNT, true),
                new Row("a star trusts services", "'Principal':'*'", EMR_SERVERLESS, true),
                new Row("AWS star trusts anyone", "'Principal':{'AWS':'*'}", OTHER_ACCOUNT, true),
                new Row("an account root trusts its users", "'Principal':{'AWS':'arn:aws:iam::123456789012:root'}", ALICE, true),
                new Row("an account root trusts its root", "'Principal':{'AWS':'arn:aws:iam::123456789012:root'}", ROOT, true),
                new Row("an account root trusts its role sessions", "'Principal':{'AWS':'arn:aws:iam::123456789012:root'}", ROLE_SESSION, true),
                new Row("an account root does not trust another account", "'Principal':{'AWS':'arn:aws:iam::123456789012:root'}", OTHER_ACCOUNT, false),
                new Row("an account id is the account root", "'Principal':{'AWS':'123456789012'}", ALICE, true),
                new Row("an account id does not trust another account", "'Principal':{'AWS':'123456789012'}", OTHER_ACCOUNT, false),
                new Row("an account does not trust a service", "'Principal':{'AWS':'123456789012'}", EMR_SERVERLESS, false),
                new Row("a user ARN trusts that user", "'Principal':{'AWS':'arn:aws:iam::123456789012:user/alice'}", ALICE, true),
                new Row("a user ARN does not trust the account root", "'Principal':{'AWS':'arn:aws:iam::123456789012:user/alice'}", ROOT, false),
                new Row("a user ARN does not trust another user", "'Principal':{'AWS':'arn:aws:iam::123456789012:user/bob'}", ALICE, false),
                new Row("a role ARN trusts the role", "'Principal':{'AWS':'arn:aws:iam::123456789012:role/ops/Deployer'}", ROLE, true),
                new Row("a role ARN trusts the role's sessions", "'Principal':{'AWS':'arn:aws:iam::123456789012:role/ops/Deployer'}", ROLE_SESSION, true),
                new Row("a role ARN does not trust another role's sessions", "'Principal':{'AWS':'arn:aws:iam::123456789012:role/ops/Deployer'}", OTHER_ROLE_SESSION, false),
                new Row("a session ARN trusts that session", "'Principal':{'AWS':'arn:aws:sts::123456789012:assumed-role/Deployer/build-42'}", ROLE_SESSION, true),
                new Row("any listed principal", "'Principal':{'AWS':['arn:aws:iam::123456789012:user/bob','arn:aws:iam::123456789012:user/alice']}", ALICE, true),
                new Row("a service trusts that service", "'Principal':{'Service':'emr-serverless.amazonaws.com'}", EMR_SERVERLESS, true),
                new Row("a service does not trust another service", "'Principal':{'Service':'emr-serverless.amazonaws.com'}", EC2, false),
                new Row("a service does not trust a user", "'Principal':{'Service':'emr-serverless.amazonaws.com'}", ALICE, false),
                new Row("several types at once", "'Principal':{'AWS':'111122223333','Service':['ec2.amazonaws.com','emr-serverless.amazonaws.com']}", EMR_SERVERLESS, true),
                new Row("a federated provider", "'Principal':{'Federated':'cognito-identity.amazonaws.com'}", RequestPrincipal.federated("cognito-identity.amazonaws.com"), true),
                new Row("NotPrincipal trusts everyone not listed", "'NotPrincipal':{'AWS':'arn:aws:iam::111122223333:root'}", ALICE, true),
                new Row("NotPrincipal does not trust who it lists", "'NotPrincipal':{'AWS':'arn:aws:iam::111122223333:root'}", OTHER_ACCOUNT, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("principals")
    void principalsNameWhoMayAssumeTheRole(Row row)
    {
        PolicyDocument trust = trustPolicy("{'Effect':'Allow','Action':'sts:AssumeRole'," + row.principal() + "}");

        Decision decision = EVALUATOR.evaluateTrust(RequestContext.of(row.caller(), "sts:AssumeRole", "arn:aws:iam::123456789012:role/Target"), trust).decision();

        assertThat(decision).isEqualTo(row.trusted() ? Decision.ALLOW : Decision.IMPLICIT_DENY);
    }

    @Test
    void theActionMustMatchToo()
    {
        PolicyDocument trust = trustPolicy("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'Service':'emr-serverless.amazonaws.com'}}");

        assertThat(EVALUATOR.evaluateTrust(RequestContext.of(EMR_SERVERLESS, "sts:TagSession", "*"), trust).decision()).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(EVALUATOR.evaluateTrust(RequestContext.of(EMR_SERVERLESS, "STS:assumerole", "*"), trust).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void conditionsNarrowATrustedService()
    {
        PolicyDocument trust = trustPolicy("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'Service':'emr-serverless.amazonaws.com'},"
                + "'Condition':{'StringEquals':{'aws:SourceAccount':'123456789012'},'ArnLike':{'aws:SourceArn':'arn:aws:emr-serverless:*:123456789012:/applications/*'}}}");
        ConditionKeys ours = ConditionKeys.builder().principal(EMR_SERVERLESS).put("aws:SourceAccount", "123456789012")
                .put("aws:SourceArn", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1").build();
        ConditionKeys confusedDeputy = ConditionKeys.builder().principal(EMR_SERVERLESS).put("aws:SourceAccount", "111122223333")
                .put("aws:SourceArn", "arn:aws:emr-serverless:us-east-1:111122223333:/applications/00f1").build();

        assertThat(EVALUATOR.evaluateTrust(new RequestContext(EMR_SERVERLESS, "sts:AssumeRole", "*", ours), trust).decision()).isEqualTo(Decision.ALLOW);
        assertThat(EVALUATOR.evaluateTrust(new RequestContext(EMR_SERVERLESS, "sts:AssumeRole", "*", confusedDeputy), trust).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aDenyForAPrincipalOverridesAnAllowForItsAccount()
    {
        PolicyDocument trust = trustPolicy("{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'AWS':'123456789012'}},"
                + "{'Sid':'NotAlice','Effect':'Deny','Action':'sts:AssumeRole','Principal':{'AWS':'arn:aws:iam::123456789012:user/alice'}}");

        EvaluationResult alice = EVALUATOR.evaluateTrust(RequestContext.of(ALICE, "sts:AssumeRole", "*"), trust);

        assertThat(alice.decision()).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(alice.statement().flatMap(Statement::sid)).contains("NotAlice");
        assertThat(EVALUATOR.evaluateTrust(RequestContext.of(ROOT, "sts:AssumeRole", "*"), trust).decision()).isEqualTo(Decision.ALLOW);
    }

    @Test
    void anIdentityPolicyTrustsNobody()
    {
        PolicyDocument identity = PolicyDocument.parse(json("{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*'}}"));

        assertThat(EVALUATOR.evaluateTrust(RequestContext.of(ALICE, "sts:AssumeRole", "*"), identity).decision()).isEqualTo(Decision.IMPLICIT_DENY);
    }

    private static PolicyDocument trustPolicy(String statements)
    {
        return PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':[" + statements + "]}"), PolicyType.TRUST);
    }
}
