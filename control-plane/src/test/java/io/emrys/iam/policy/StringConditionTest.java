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
class StringConditionTest
{
    static Stream<ConditionCase> stringOperators()
    {
        return Stream.of(
                holds("StringEquals matches the exact value", "{'StringEquals':{'aws:username':'alice'}}", keys("aws:username", "alice")),
                fails("StringEquals is case-sensitive in the value", "{'StringEquals':{'aws:username':'Alice'}}", keys("aws:username", "alice")),
                holds("condition key names are case-insensitive", "{'StringEquals':{'AWS:UserName':'alice'}}", keys("aws:username", "alice")),
                holds("several policy values are ORed", "{'StringEquals':{'aws:username':['bob','alice']}}", keys("aws:username", "alice")),
                fails("StringEquals of a different value", "{'StringEquals':{'aws:username':'bob'}}", keys("aws:username", "alice")),
                fails("StringEquals with the key absent", "{'StringEquals':{'aws:username':'alice'}}", keys()),
                holds("StringEquals takes no wildcards", "{'StringEquals':{'aws:username':'a*'}}", keys("aws:username", "a*")),
                fails("StringEquals star is literal", "{'StringEquals':{'aws:username':'a*'}}", keys("aws:username", "alice")),
                holds("StringNotEquals of a different value", "{'StringNotEquals':{'aws:username':'bob'}}", keys("aws:username", "alice")),
                fails("StringNotEquals of the same value", "{'StringNotEquals':{'aws:username':'alice'}}", keys("aws:username", "alice")),
                fails("StringNotEquals is a NOR of its values", "{'StringNotEquals':{'aws:username':['bob','alice']}}", keys("aws:username", "alice")),
                holds("StringNotEquals with the key absent", "{'StringNotEquals':{'aws:username':'alice'}}", keys()),
                holds("StringEqualsIgnoreCase ignores case", "{'StringEqualsIgnoreCase':{'aws:username':'ALICE'}}", keys("aws:username", "alice")),
                fails("StringEqualsIgnoreCase of a different value", "{'StringEqualsIgnoreCase':{'aws:username':'BOB'}}", keys("aws:username", "alice")),
                fails("StringNotEqualsIgnoreCase of the same value in other case", "{'StringNotEqualsIgnoreCase':{'aws:username':'ALICE'}}", keys("aws:username", "alice")),
                holds("StringNotEqualsIgnoreCase of a different value", "{'StringNotEqualsIgnoreCase':{'aws:username':'BOB'}}", keys("aws:username", "alice")),
                holds("StringLike with a star", "{'StringLike':{'s3:prefix':'home/alice/*'}}", keys("s3:prefix", "home/alice/docs/a.txt")),
                holds("StringLike with a question mark", "{'StringLike':{'s3:prefix':'v?'}}", keys("s3:prefix", "v2")),
                fails("StringLike question mark is one character", "{'StringLike':{'s3:prefix':'v?'}}", keys("s3:prefix", "v10")),
                fails("StringLike is case-sensitive", "{'StringLike':{'s3:prefix':'Home/*'}}", keys("s3:prefix", "home/x")),
                fails("StringLike with the key absent", "{'StringLike':{'s3:prefix':'*'}}", keys()),
                fails("StringNotLike of a matching value", "{'StringNotLike':{'s3:prefix':'home/*'}}", keys("s3:prefix", "home/x")),
                holds("StringNotLike of another value", "{'StringNotLike':{'s3:prefix':'home/*'}}", keys("s3:prefix", "tmp/x")),
                holds("StringNotLike with the key absent", "{'StringNotLike':{'s3:prefix':'home/*'}}", keys()),
                holds("StringEqualsIfExists with the key absent", "{'StringEqualsIfExists':{'aws:username':'alice'}}", keys()),
                fails("StringEqualsIfExists with the key present and different", "{'StringEqualsIfExists':{'aws:username':'alice'}}", keys("aws:username", "bob")),
                holds("StringLikeIfExists with the key present and matching", "{'StringLikeIfExists':{'aws:username':'al*'}}", keys("aws:username", "alice")),
                fails("keys under one operator are ANDed", "{'StringEquals':{'aws:username':'alice','aws:userid':'AIDA1'}}", keys("aws:username", "alice", "aws:userid", "AIDA2")),
                holds("keys under one operator all matching", "{'StringEquals':{'aws:username':'alice','aws:userid':'AIDA1'}}", keys("aws:username", "alice", "aws:userid", "AIDA1")),
                fails("operators are ANDed", "{'StringEquals':{'aws:username':'alice'},'StringLike':{'aws:userid':'X*'}}", keys("aws:username", "alice", "aws:userid", "AIDA1")),
                holds("a multivalued key without a set prefix matches if any value does", "{'StringEquals':{'aws:TagKeys':'team'}}", multiValued("aws:TagKeys", "owner", "team")),
                fails("a negated operator without a set prefix fails if any value matches", "{'StringNotEquals':{'aws:TagKeys':'team'}}", multiValued("aws:TagKeys", "owner", "team")),
                holds("a negated operator without a set prefix holds if no value matches", "{'StringNotEquals':{'aws:TagKeys':'cost'}}", multiValued("aws:TagKeys", "owner", "team")),
                holds("a JSON number compares as its text", "{'StringEquals':{'ec2:volume':10}}", keys("ec2:volume", "10")),
                fails("an unknown key is simply absent", "{'StringEquals':{'emrys:NoSuchKey':'x'}}", keys("aws:username", "x")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stringOperators")
    void stringOperatorsCompareAsIamDoes(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }
}
