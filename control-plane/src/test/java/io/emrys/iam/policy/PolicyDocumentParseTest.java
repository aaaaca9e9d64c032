package io.emrys.iam.policy;

import static io.emrys.iam.policy.PolicyFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class PolicyDocumentParseTest
{
    record Refusal(String name, PolicyType type, String document, String message)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static Stream<Refusal> refusals()
    {
        String allowAll = "'Effect':'Allow','Action':'*','Resource':'*'";
        return Stream.of(
                identity("text that is not JSON", "{'Version':", "Syntax errors in policy."),
                identity("a document that is not an object", "['Statement']", "Syntax errors in policy."),
                identity("an unknown top-level field", "{'Statement':{" + allowAll + "},'Statements':[]}", "Syntax errors in policy."),
                identity("a duplicated field", "{'Statement':{" + allowAll + "},'Statement':{" + allowAll + "}}", "Syntax errors in policy."),
                identity("an unknown version", "{'Version':'2012-10-18','Statement':{" + allowAll + "}}", "The policy failed legacy parsing"),
                identity("no Statement", "{'Version':'2012-10-17'}", "Missing required field Statement"),
                identity("an empty Statement array", "{'Statement':[]}", "Syntax errors in policy."),
                identity("a Statement that is a string", "{'Statement':'allow'}", "Syntax errors in policy."),
                identity("an unknown statement field", "{'Statement':{" + allowAll + ",'Actions':'*'}}", "Syntax errors in policy."),
                identity("no Effect", "{'Statement':{'Action':'*','Resource':'*'}}", "Missing required field Effect"),
                identity("an Effect in the wrong case", "{'Statement':{'Effect':'allow','Action':'*','Resource':'*'}}", "Invalid effect: allow"),
                identity("no Action or NotAction", "{'Statement':{'Effect':'Allow','Resource':'*'}}", "Policy statement must contain actions."),
                identity("an empty Action array", "{'Statement':{'Effect':'Allow','Action':[],'Resource':'*'}}", "Policy statement must contain actions."),
                identity("both Action and NotAction", "{'Statement':{'Effect':'Allow','Action':'s3:*','NotAction':'iam:*','Resource':'*'}}", "Syntax errors in policy."),
                identity("an Action that is an object", "{'Statement':{'Effect':'Allow','Action':{'s3':'*'},'Resource':'*'}}", "Syntax errors in policy."),
                identity("an Action without a vendor", "{'Statement':{'Effect':'Allow','Action':'GetObject','Resource':'*'}}",
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                identity("an Action with two colons", "{'Statement':{'Effect':'Allow','Action':'s3:Get:Object','Resource':'*'}}", "Actions/Condition can contain only one colon."),
                identity("an Action with a bad vendor", "{'Statement':{'Effect':'Allow','Action':'s$:GetObject','Resource':'*'}}", "Vendor s$ is not valid"),
                identity("no Resource or NotResource", "{'Statement':{'Effect':'Allow','Action':'*'}}", "Policy statement must contain resources."),
                identity("both Resource and NotResource", "{'Statement':{'Effect':'Allow','Action':'*','Resource':'*','NotResource':'arn:aws:s3:::b'}}", "Syntax errors in policy."),
                identity("a Resource that is no ARN", "{'Statement':{'Effect':'Allow','Action':'*','Resource':'bucket'}}", "Resource bucket must be in ARN format or \"*\"."),
                identity("a Principal in an identity policy", "{'Statement':{" + allowAll + ",'Principal':'*'}}", "Policy document should not specify a principal."),
                identity("a NotPrincipal in an identity policy", "{'Statement':{" + allowAll + ",'NotPrincipal':{'AWS':'123456789012'}}}", "Policy document should not specify a principal."),
                identity("a Sid that is not alphanumeric", "{'Statement':{'Sid':'allow all'," + allowAll + "}}",
                        "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*"),
                identity("the same Sid twice", "{'Statement':[{'Sid':'A'," + allowAll + "},{'Sid':'A'," + allowAll + "}]}", "Statement IDs (SID) in a single policy must be unique."),
                identity("an unknown condition operator", "{'Statement':{" + allowAll + ",'Condition':{'StringEqualz':{'aws:username':'a'}}}}", "Invalid Condition type : StringEqualz."),
                identity("Null with IfExists", "{'Statement':{" + allowAll + ",'Condition':{'NullIfExists':{'aws:username':'true'}}}}", "Invalid Condition type : NullIfExists."),
                identity("an operator in the wrong case", "{'Statement':{" + allowAll + ",'Condition':{'stringequals':{'aws:username':'a'}}}}", "Invalid Condition type : stringequals."),
                identity("a condition key without a vendor", "{'Statement':{" + allowAll + ",'Condition':{'StringEquals':{'username':'a'}}}}",
                        "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc."),
                identity("a condition value that is an object", "{'Statement':{" + allowAll + ",'Condition':{'StringEquals':{'aws:username':{'a':'b'}}}}}", "Syntax errors in policy."),
                identity("a condition with no values", "{'Statement':{" + allowAll + ",'Condition':{'StringEquals':{'aws:username':[]}}}}", "Syntax errors in policy."),
                identity("a Condition that is an array", "{'Statement':{" + allowAll + ",'Condition':[]}}", "Syntax errors in policy."),
                trust("a trust policy without a Principal", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole'}}", "Missing required field Principal"),
                trust("a trust policy with a Resource", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*','Principal':'*'}}", "Has prohibited field Resource"),
                trust("both Principal and NotPrincipal", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Principal':'*','NotPrincipal':'*'}}", "Syntax errors in policy."),
                trust("a Principal string other than a star", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Principal':'alice'}}", "Invalid principal in policy: \"alice\""),
                trust("an unknown principal type", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'User':'alice'}}}", "Invalid principal in policy: \"User\":\"alice\""),
                trust("an AWS principal that is no ARN", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'AWS':'alice'}}}", "Invalid principal in policy: \"AWS\":\"alice\""),
                trust("a wildcard inside a principal ARN", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'AWS':'arn:aws:iam::123456789012:role/*'}}}",
                        "Invalid principal in policy: \"AWS\":\"arn:aws:iam::123456789012:role/*\""),
                trust("a wildcard service", "{'Statement':{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'Service':'*'}}}", "Invalid principal in policy: \"Service\":\"*\""),
                new Refusal("a resource policy without a Resource", PolicyType.RESOURCE, "{'Statement':{'Effect':'Allow','Action':'s3:*','Principal':'*'}}",
                        "Policy statement must contain resources."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesWhatIamRefuses(Refusal refusal)
    {
        assertThatThrownBy(() -> PolicyDocument.parse(json(refusal.document()), refusal.type()))
                .isInstanceOf(MalformedPolicyException.class)
                .hasMessage(refusal.message());
    }

    @Test
    void acceptsAStatementObjectAndStringElements()
    {
        PolicyDocument policy = PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':{'Sid':'One','Effect':'Deny','NotAction':'iam:*','NotResource':'arn:aws:s3:::b'}}"));

        assertThat(policy.version()).contains("2012-10-17");
        assertThat(policy.substitutesVariables()).isTrue();
        assertThat(policy.statements()).singleElement().satisfies(statement -> {
            assertThat(statement.sid()).contains("One");
            assertThat(statement.effect()).isEqualTo(Effect.DENY);
            assertThat(statement.actions()).isEqualTo(new ListElement(true, List.of("iam:*")));
            assertThat(statement.resources()).contains(new ListElement(true, List.of("arn:aws:s3:::b")));
            assertThat(statement.principal()).isEmpty();
            assertThat(statement.conditions()).isEmpty();
        });
    }

    @Test
    void acceptsArraysAnOldVersionOrNoneAndConditionScalars()
    {
        PolicyDocument old = PolicyDocument.parse(json("{'Version':'2008-10-17','Statement':[{'Effect':'Allow','Action':['s3:Get*','s3:List*'],'Resource':['*'],"
                + "'Condition':{'Bool':{'aws:SecureTransport':true},'NumericLessThan':{'s3:max-keys':[10,'20']}}}]}"));
        PolicyDocument unversioned = PolicyDocument.parse(json("{'Statement':[{'Effect':'Allow','Action':'*','Resource':'*'}]}"));

        assertThat(old.substitutesVariables()).isFalse();
        assertThat(old.statements().get(0).actions().patterns()).containsExactly("s3:Get*", "s3:List*");
        assertThat(old.statements().get(0).conditions()).containsExactly(
                new Condition(new ConditionOperator(SetOperator.NONE, MatchOperator.BOOL, false), "aws:SecureTransport", List.of("true")),
                new Condition(new ConditionOperator(SetOperator.NONE, MatchOperator.NUMERIC_LESS_THAN, false), "s3:max-keys", List.of("10", "20")));
        assertThat(unversioned.version()).isEmpty();
        assertThat(unversioned.substitutesVariables()).isFalse();
    }

    @Test
    void readsEveryFormOfPrincipal()
    {
        PolicyDocument trust = PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':["
                + "{'Effect':'Allow','Action':'sts:AssumeRole','Principal':'*'},"
                + "{'Effect':'Allow','Action':'sts:AssumeRole','Principal':{'AWS':['123456789012','arn:aws:iam::111122223333:root','arn:aws:iam::123456789012:role/R'],"
                + "'Service':'emr-serverless.amazonaws.com','Federated':'cognito-identity.amazonaws.com'}},"
                + "{'Effect':'Deny','Action':'sts:AssumeRole','NotPrincipal':{'AWS':'*'}}]}"), PolicyType.TRUST);

        assertThat(trust.statements()).extracting(Statement::principal).containsExactly(
                Optional.of(new PrincipalElement(false, true, Map.of())),
                Optional.of(new PrincipalElement(false, false, Map.of(
                        PrincipalType.AWS, List.of("123456789012", "arn:aws:iam::111122223333:root", "arn:aws:iam::123456789012:role/R"),
                        PrincipalType.SERVICE, List.of("emr-serverless.amazonaws.com"),
                        PrincipalType.FEDERATED, List.of("cognito-identity.amazonaws.com")))),
                Optional.of(new PrincipalElement(true, true, Map.of(PrincipalType.AWS, List.of("*")))));
        assertThat(trust.statements()).allSatisfy(statement -> assertThat(statement.resources()).isEmpty());
    }

    @Test
    void resourcePoliciesAllowSidsWithSpaces()
    {
        PolicyDocument policy = PolicyDocument.parse(json("{'Statement':{'Sid':'Allow reads','Effect':'Allow','Principal':'*','Action':'s3:GetObject','Resource':'arn:aws:s3:::b/*'}}"),
                PolicyType.RESOURCE);

        assertThat(policy.statements().get(0).sid()).contains("Allow reads");
    }

    @Test
    void parsesEveryOperatorSpelling()
    {
        for (MatchOperator match : MatchOperator.values()) {
            for (SetOperator set : SetOperator.values()) {
                assertThat(ConditionOperator.parse(set.prefix() + match.jsonName())).contains(new ConditionOperator(set, match, false));
                if (match != MatchOperator.NULL) {
                    assertThat(ConditionOperator.parse(set.prefix() + match.jsonName() + "IfExists")).contains(new ConditionOperator(set, match, true));
                }
            }
        }
        assertThat(ConditionOperator.parse("ForAnyValue:ForAllValues:StringEquals")).isEmpty();
        assertThat(ConditionOperator.parse("StringEqualsIfExistsIfExists")).isEmpty();
    }

    private static Refusal identity(String name, String document, String message)
    {
        return new Refusal(name, PolicyType.IDENTITY, document, message);
    }

    private static Refusal trust(String name, String document, String message)
    {
        return new Refusal(name, PolicyType.TRUST, document, message);
    }
}
