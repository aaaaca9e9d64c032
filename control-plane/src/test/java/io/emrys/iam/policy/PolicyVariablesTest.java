package io.emrys.iam.policy;

import static io.emrys.iam.policy.PolicyFixtures.ALICE;
import static io.emrys.iam.policy.PolicyFixtures.EVALUATOR;
import static io.emrys.iam.policy.PolicyFixtures.json;
import static io.emrys.iam.policy.PolicyFixtures.keys;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class PolicyVariablesTest
{
    record Row(String name, String template, ConditionKeys keys, boolean pattern, String resolved)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static Stream<Row> substitutions()
    {
        ConditionKeys alice = keys("aws:username", "alice", "aws:PrincipalTag/team", "data");
        return Stream.of(
                new Row("a variable becomes the key's value", "home/${aws:username}/*", alice, false, "home/alice/*"),
                new Row("variable names are case-insensitive", "${AWS:UserName}", alice, false, "alice"),
                new Row("several variables", "${aws:PrincipalTag/team}-${aws:username}", alice, false, "data-alice"),
                new Row("a default when the key is absent", "${aws:PrincipalTag/project, 'shared'}", alice, false, "shared"),
                new Row("the value over the default when present", "${aws:username, 'nobody'}", alice, false, "alice"),
                new Row("a doubled quote in a default", "${aws:userid, 'it''s'}", alice, false, "it's"),
                new Row("a brace inside a quoted default", "${aws:userid, 'a}b'}", alice, false, "a}b"),
                new Row("escapes for star, question mark and dollar", "${*}${?}${$}", alice, false, "*?$"),
                new Row("in a pattern a variable's value is literal", "home/${aws:username}/*", keys("aws:username", "a*"), true, "home/a\\*/*"),
                new Row("in a pattern an escaped star is literal", "file${*}", alice, true, "file\\*"),
                new Row("in a pattern a backslash is literal", "a\\b*", alice, true, "a\\\\b*"),
                new Row("text without a closing brace is literal", "cost ${aws:username", alice, false, "cost ${aws:username"),
                new Row("a dollar alone is literal", "$5", alice, false, "$5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("substitutions")
    void substitutesFromTheRequest(Row row)
    {
        assertThat(PolicyVariables.resolve(row.template(), row.keys(), true, row.pattern())).contains(row.resolved());
    }

    @Test
    void aVariableWithoutAValueOrDefaultCannotBeResolved()
    {
        assertThat(PolicyVariables.resolve("home/${aws:username}", keys(), true, false)).isEmpty();
        assertThat(PolicyVariables.resolve("${aws:TagKeys}", PolicyFixtures.multiValued("aws:TagKeys", "a", "b"), true, false)).isEmpty();
    }

    @Test
    void documentsBefore2012TakeVariablesLiterally()
    {
        assertThat(PolicyVariables.resolve("home/${aws:username}", keys("aws:username", "alice"), false, false)).contains("home/${aws:username}");
    }

    @Test
    void usernameInAResourceGivesEachUserTheirOwnFolder()
    {
        String statement = "{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::home/${aws:username}/*'}";
        PolicyDocument current = PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':" + statement + "}"));
        PolicyDocument legacy = PolicyDocument.parse(json("{'Version':'2008-10-17','Statement':" + statement + "}"));
        ConditionKeys keys = ConditionKeys.builder().principal(ALICE).username("alice").build();

        assertThat(decision(current, "arn:aws:s3:::home/alice/notes.txt", keys)).isEqualTo(Decision.ALLOW);
        assertThat(decision(current, "arn:aws:s3:::home/bob/notes.txt", keys)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decision(current, "arn:aws:s3:::home/alice/notes.txt", ConditionKeys.empty())).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decision(legacy, "arn:aws:s3:::home/alice/notes.txt", keys)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decision(legacy, "arn:aws:s3:::home/${aws:username}/notes.txt", keys)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void aUsernameWithAStarDoesNotBecomeAWildcard()
    {
        PolicyDocument policy = PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'arn:aws:s3:::home/${aws:username}/x'}}"));
        ConditionKeys keys = ConditionKeys.builder().username("*").build();

        assertThat(decision(policy, "arn:aws:s3:::home/bob/x", keys)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decision(policy, "arn:aws:s3:::home/*/x", keys)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void variablesInConditionValues()
    {
        PolicyDocument policy = PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':{'Effect':'Allow','Action':'s3:*','Resource':'*',"
                + "'Condition':{'StringLike':{'s3:prefix':['home/${aws:username}/*']},'StringEquals':{'aws:ResourceTag/owner':'${aws:username}'}}}}"));
        ConditionKeys own = ConditionKeys.builder().username("alice").put("s3:prefix", "home/alice/a").resourceTag("owner", "alice").build();
        ConditionKeys other = ConditionKeys.builder().username("alice").put("s3:prefix", "home/bob/a").resourceTag("owner", "alice").build();
        ConditionKeys noUser = ConditionKeys.builder().put("s3:prefix", "home/alice/a").resourceTag("owner", "alice").build();

        assertThat(decision(policy, "*", own)).isEqualTo(Decision.ALLOW);
        assertThat(decision(policy, "*", other)).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decision(policy, "*", noUser)).isEqualTo(Decision.IMPLICIT_DENY);
    }

    @Test
    void aConditionValueWithoutAValueIsNullSoOnlyNegatedOperatorsHold()
    {
        ConditionKeys noTeam = ConditionKeys.builder().put("s3:ExistingObjectTag/Team", "red").build();

        assertThat(holds("{'StringEquals':{'s3:ExistingObjectTag/Team':'${aws:PrincipalTag/Team}'}}", noTeam)).isFalse();
        assertThat(holds("{'StringLike':{'s3:ExistingObjectTag/Team':'${aws:PrincipalTag/Team}'}}", noTeam)).isFalse();
        assertThat(holds("{'StringNotEquals':{'s3:ExistingObjectTag/Team':'${aws:PrincipalTag/Team}'}}", noTeam)).isTrue();
        assertThat(holds("{'ArnNotLike':{'s3:ExistingObjectTag/Team':'${aws:PrincipalTag/Team}'}}", noTeam)).isTrue();
        assertThat(holds("{'StringNotEquals':{'s3:ExistingObjectTag/Team':['${aws:PrincipalTag/Team}','red']}}", noTeam)).isFalse();
    }

    @Test
    void onlyStringAndArnOperatorsSubstitute()
    {
        ConditionKeys keys = ConditionKeys.builder().put("emrys:Limit", "5").put("emrys:Max", "10").put("emrys:Text", "${emrys:Max}").build();

        assertThat(holds("{'StringEquals':{'emrys:Limit':'${emrys:Limit}'}}", keys)).isTrue();
        assertThat(holds("{'NumericLessThan':{'emrys:Limit':'${emrys:Max}'}}", keys)).isFalse();
        assertThat(holds("{'NumericNotEquals':{'emrys:Limit':'${emrys:Limit}'}}", keys)).isTrue();
    }

    @Test
    void aResourceWithoutAValueMatchesNoResourceEvenInNotResource()
    {
        PolicyDocument notResource = PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':"
                + "{'Effect':'Allow','Action':'s3:*','NotResource':'arn:aws:s3:::home/${aws:username}/*'}}"));

        assertThat(decision(notResource, "arn:aws:s3:::home/alice/x", ConditionKeys.builder().username("alice").build())).isEqualTo(Decision.IMPLICIT_DENY);
        assertThat(decision(notResource, "arn:aws:s3:::home/alice/x", ConditionKeys.empty())).isEqualTo(Decision.ALLOW);
    }

    private static boolean holds(String condition, ConditionKeys keys)
    {
        return PolicyFixtures.conditionHolds(condition, keys);
    }

    private static Decision decision(PolicyDocument policy, String resource, ConditionKeys keys)
    {
        return EVALUATOR.evaluate(new RequestContext(ALICE, "s3:GetObject", resource, keys), List.of(policy)).decision();
    }
}
