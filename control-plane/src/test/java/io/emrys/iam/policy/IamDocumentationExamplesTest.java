package io.emrys.iam.policy;

import static io.emrys.iam.policy.PolicyFixtures.ALICE;
import static io.emrys.iam.policy.PolicyFixtures.EVALUATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Policies in the shape of the IAM User Guide's examples, and what the guide says each allows or denies. */
@Timeout(10)
class IamDocumentationExamplesTest
{
    @Test
    void notActionAllowsEverythingButIam()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}""");

        assertThat(decide(policy, "ec2:RunInstances", "*", keys())).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "emr-serverless:StartJobRun", "*", keys())).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "iam:CreateUser", "*", keys())).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void notActionWithAllowOnEc2AllowsEveryEc2ActionButTerminating()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"ec2:*","Resource":"*"},
                 {"Effect":"Deny","Action":"ec2:*","NotResource":"arn:aws:ec2:*:*:instance/*","Condition":{"StringEquals":{"ec2:Region":"us-west-1"}}},
                 {"Effect":"Deny","NotAction":["ec2:Describe*","ec2:Start*","ec2:Stop*","ec2:Run*","ec2:Create*"],"Resource":"arn:aws:ec2:*:*:instance/*"}]}""");
        String instance = "arn:aws:ec2:us-east-1:123456789012:instance/i-0abc";

        assertThat(decide(policy, "ec2:StartInstances", instance, keys())).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "ec2:DescribeInstances", instance, keys())).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "ec2:TerminateInstances", instance, keys())).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(policy, "ec2:DeleteVolume", "arn:aws:ec2:us-east-1:123456789012:volume/vol-1", keys())).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "ec2:DeleteVolume", "arn:aws:ec2:us-west-1:123456789012:volume/vol-1", keys().put("ec2:Region", "us-west-1")))
                .isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void denyWithoutMfaExceptIamWithBoolIfExists()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"*","Resource":"*"},
                 {"Sid":"BlockMostAccessUnlessSignedInWithMFA","Effect":"Deny","NotAction":["iam:ChangePassword","sts:GetSessionToken"],"Resource":"*",
                  "Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}""");

        assertThat(decide(policy, "s3:GetObject", "*", keys())).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(policy, "s3:GetObject", "*", keys().put("aws:MultiFactorAuthPresent", "false"))).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(policy, "s3:GetObject", "*", keys().put("aws:MultiFactorAuthPresent", "true"))).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "iam:ChangePassword", "*", keys())).isEqualTo(Decision.ALLOW);
    }

    @Test
    void sourceIpDeniesRequestsFromOutsideTheRanges()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"*","Resource":"*"},
                 {"Effect":"Deny","Action":"*","Resource":"*","Condition":{
                   "NotIpAddress":{"aws:SourceIp":["192.0.2.0/24","203.0.113.0/24"]},"Bool":{"aws:ViaAWSService":"false"}}}]}""");

        assertThat(decide(policy, "s3:GetObject", "*", keys().sourceIp("203.0.113.9").put("aws:ViaAWSService", "false"))).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "s3:GetObject", "*", keys().sourceIp("198.51.100.9").put("aws:ViaAWSService", "false"))).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(policy, "s3:GetObject", "*", keys().sourceIp("198.51.100.9").put("aws:ViaAWSService", "true"))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void forAllValuesStringLikeOnTagKeysAllowsOnlyThoseKeysAndNoTagsAtAll()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"emr-serverless:TagResource","Resource":"*",
                 "Condition":{"ForAllValues:StringLike":{"aws:TagKeys":["cost-*","team"]}}}}""");

        assertThat(decide(policy, "emr-serverless:TagResource", "*", keys().requestTag("cost-center", "42").requestTag("team", "data"))).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "emr-serverless:TagResource", "*", keys().requestTag("cost-center", "42").requestTag("owner", "me"))).isEqualTo(Decision.IMPLICIT_DENY);
        // the guide's warning: ForAllValues is true when the request has no tags at all
        assertThat(decide(policy, "emr-serverless:TagResource", "*", keys())).isEqualTo(Decision.ALLOW);
    }

    @Test
    void dateConditionsOnCurrentTimeBoundAWindow()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:*","Resource":"*",
                 "Condition":{"DateGreaterThan":{"aws:CurrentTime":"2020-04-01T00:00:00Z"},"DateLessThan":{"aws:CurrentTime":"2020-06-30T23:59:59Z"}}}}""");

        assertThat(decide(policy, "ec2:RunInstances", "*", keys().currentTime(Instant.parse("2020-05-01T10:00:00Z")))).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "ec2:RunInstances", "*", keys().currentTime(Instant.parse("2020-07-01T00:00:00Z")))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(policy, "ec2:RunInstances", "*", keys().currentTime(Instant.parse("2020-03-31T23:59:59Z")))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void usernameLetsUsersManageOnlyTheirOwnKeys()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["iam:*AccessKey*","iam:GetUser"],"Resource":"arn:aws:iam::123456789012:user/${aws:username}"}}""");

        assertThat(decide(policy, "iam:CreateAccessKey", "arn:aws:iam::123456789012:user/alice", keys().username("alice"))).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "iam:DeleteAccessKey", "arn:aws:iam::123456789012:user/bob", keys().username("alice"))).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decide(policy, "iam:DeleteUser", "arn:aws:iam::123456789012:user/alice", keys().username("alice"))).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void arnLikeWithAWildcardAccountMatchesTheRoleInAnyAccount()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"*","Resource":"*"},
                 {"Effect":"Deny","Action":"iam:*","Resource":"*","Condition":{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/OrganizationAdmin"}}}]}""");
        RequestPrincipal admin = RequestPrincipal.aws("arn:aws:iam::111122223333:role/OrganizationAdmin");

        assertThat(decide(policy, "iam:CreateRole", "*", keys())).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(EVALUATOR.evaluate(RequestContext.of(admin, "iam:CreateRole", "*"), List.of(policy)).decision()).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "s3:GetObject", "*", keys())).isEqualTo(Decision.ALLOW);
    }

    @Test
    void nullOnARequestTagRequiresTheTag()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"emr-serverless:CreateApplication","Resource":"*"},
                 {"Sid":"RequireCostCenter","Effect":"Deny","Action":"emr-serverless:CreateApplication","Resource":"*","Condition":{"Null":{"aws:RequestTag/CostCenter":"true"}}}]}""");

        assertThat(decide(policy, "emr-serverless:CreateApplication", "*", keys())).isEqualTo(Decision.EXPLICIT_DENY);
        assertThat(decide(policy, "emr-serverless:CreateApplication", "*", keys().requestTag("CostCenter", "42"))).isEqualTo(Decision.ALLOW);
    }

    @Test
    void anUnsetPrincipalTagDeniesThroughStringNotEquals()
    {
        PolicyDocument policy = policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},
                 {"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::amzn-s3-demo-bucket/*",
                  "Condition":{"StringNotEquals":{"s3:ExistingObjectTag/Team":"${aws:PrincipalTag/Team}"}}}]}""");
        String object = "arn:aws:s3:::amzn-s3-demo-bucket/report.csv";

        assertThat(decide(policy, "s3:GetObject", object, keys().principalTag("Team", "red").put("s3:ExistingObjectTag/Team", "red"))).isEqualTo(Decision.ALLOW);
        assertThat(decide(policy, "s3:GetObject", object, keys().principalTag("Team", "blue").put("s3:ExistingObjectTag/Team", "red"))).isEqualTo(Decision.EXPLICIT_DENY);
        // the guide: access is explicitly denied when aws:PrincipalTag/Team is not set
        assertThat(decide(policy, "s3:GetObject", object, keys().put("s3:ExistingObjectTag/Team", "red"))).isEqualTo(Decision.EXPLICIT_DENY);
    }

    @Test
    void negatedMatchingIsANorOfThePolicyValues()
    {
        // the guide's bucket policy for multiple keys and values, with its table of requests
        PolicyDocument bucketPolicy = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":[{"Sid":"ExamplePolicy","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},
                 "Action":"s3:ListBucket","Resource":"arn:aws:s3:::amzn-s3-demo-bucket",
                 "Condition":{"StringEquals":{"aws:PrincipalTag/department":["finance","hr","legal"],"aws:PrincipalTag/role":["audit","security"]},
                  "ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::222222222222:user/Ana","arn:aws:iam::222222222222:user/Mary"]}}}]}""", PolicyType.RESOURCE);

        assertThat(listBucket(bucketPolicy, "Nikki", "legal", "audit")).isEqualTo(Decision.ALLOW);
        assertThat(listBucket(bucketPolicy, "Mary", "hr", "audit")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(listBucket(bucketPolicy, "Nikki", "hr", "payroll")).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(listBucket(bucketPolicy, "Nikki", "hr", null)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(listBucket(bucketPolicy, "Nikki", null, null)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    private static Decision listBucket(PolicyDocument policy, String user, String department, String role)
    {
        RequestPrincipal principal = RequestPrincipal.aws("arn:aws:iam::222222222222:user/" + user);
        ConditionKeys.Builder keys = ConditionKeys.builder().principal(principal);
        if (department != null) {
            keys.principalTag("department", department);
        }
        if (role != null) {
            keys.principalTag("role", role);
        }
        return EVALUATOR.evaluate(new RequestContext(principal, "s3:ListBucket", "arn:aws:s3:::amzn-s3-demo-bucket", keys.build()), List.of(policy)).decision();
    }

    private static PolicyDocument policy(String json)
    {
        return PolicyDocument.parse(json);
    }

    private static ConditionKeys.Builder keys()
    {
        return ConditionKeys.builder().principal(ALICE);
    }

    private static Decision decide(PolicyDocument policy, String action, String resource, ConditionKeys.Builder keys)
    {
        return EVALUATOR.evaluate(new RequestContext(ALICE, action, resource, keys.build()), List.of(policy)).decision();
    }
}
