package io.emrys.iam.policy;

import static io.emrys.iam.policy.ConditionCase.fails;
import static io.emrys.iam.policy.ConditionCase.holds;
import static io.emrys.iam.policy.PolicyFixtures.keys;
import static io.emrys.iam.policy.PolicyFixtures.multiValued;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class SetOperatorConditionTest
{
    private static final ConditionKeys OWNER_AND_TEAM = multiValued("aws:TagKeys", "owner", "team");
    private static final ConditionKeys OWNER_AND_COST = multiValued("aws:TagKeys", "owner", "cost");

    static Stream<ConditionCase> setOperators()
    {
        return Stream.of(
                holds("ForAllValues when every request value is allowed", "{'ForAllValues:StringEquals':{'aws:TagKeys':['owner','team','project']}}", OWNER_AND_TEAM),
                fails("ForAllValues when one request value is not allowed", "{'ForAllValues:StringEquals':{'aws:TagKeys':['owner','team']}}", OWNER_AND_COST),
                holds("ForAllValues with the key absent", "{'ForAllValues:StringEquals':{'aws:TagKeys':['owner']}}", keys()),
                holds("ForAllValues:StringLike with wildcards on aws:TagKeys", "{'ForAllValues:StringLike':{'aws:TagKeys':['own*','te?m']}}", OWNER_AND_TEAM),
                fails("ForAllValues:StringLike when a key matches no pattern", "{'ForAllValues:StringLike':{'aws:TagKeys':['own*','te?m']}}", OWNER_AND_COST),
                holds("ForAnyValue when one request value matches", "{'ForAnyValue:StringEquals':{'aws:TagKeys':['team']}}", OWNER_AND_TEAM),
                fails("ForAnyValue when no request value matches", "{'ForAnyValue:StringEquals':{'aws:TagKeys':['project']}}", OWNER_AND_TEAM),
                fails("ForAnyValue with the key absent", "{'ForAnyValue:StringEquals':{'aws:TagKeys':['team']}}", keys()),
                holds("ForAnyValue IfExists with the key absent", "{'ForAnyValue:StringEqualsIfExists':{'aws:TagKeys':['team']}}", keys()),
                holds("ForAllValues IfExists with the key absent", "{'ForAllValues:StringEqualsIfExists':{'aws:TagKeys':['team']}}", keys()),
                fails("ForAllValues:StringNotEquals when a request value is excluded", "{'ForAllValues:StringNotEquals':{'aws:TagKeys':['team']}}", OWNER_AND_TEAM),
                holds("ForAllValues:StringNotEquals when no request value is excluded", "{'ForAllValues:StringNotEquals':{'aws:TagKeys':['cost']}}", OWNER_AND_TEAM),
                holds("ForAnyValue:StringNotEquals when some request value is not excluded", "{'ForAnyValue:StringNotEquals':{'aws:TagKeys':['team']}}", OWNER_AND_TEAM),
                fails("ForAnyValue:StringNotEquals when every request value is excluded", "{'ForAnyValue:StringNotEquals':{'aws:TagKeys':['owner','team']}}", OWNER_AND_TEAM),
                fails("ForAnyValue:StringNotEquals with the key absent", "{'ForAnyValue:StringNotEquals':{'aws:TagKeys':['team']}}", keys()),
                holds("ForAllValues:StringNotLike with the key absent", "{'ForAllValues:StringNotLike':{'aws:TagKeys':['*']}}", keys()),
                holds("a set prefix on a single-valued key", "{'ForAnyValue:StringEquals':{'aws:username':['alice','bob']}}", keys("aws:username", "bob")),
                holds("ForAnyValue:ArnLike over several ARNs",
                        "{'ForAnyValue:ArnLike':{'aws:PrincipalServiceNamesList':'arn:aws:iam::*:role/*'}}",
                        multiValued("aws:PrincipalServiceNamesList", "emr-serverless.amazonaws.com", "arn:aws:iam::123456789012:role/x")),
                holds("ForAllValues:NumericLessThan over several numbers", "{'ForAllValues:NumericLessThan':{'emrys:Sizes':'10'}}", multiValued("emrys:Sizes", "1", "9")),
                fails("ForAllValues:NumericLessThan with one number too large", "{'ForAllValues:NumericLessThan':{'emrys:Sizes':'10'}}", multiValued("emrys:Sizes", "1", "10")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setOperators")
    void setOperatorsQuantifyOverRequestValues(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }
}
