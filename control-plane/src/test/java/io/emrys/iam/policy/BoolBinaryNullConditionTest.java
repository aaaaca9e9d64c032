package io.emrys.iam.policy;

import static io.emrys.iam.policy.ConditionCase.fails;
import static io.emrys.iam.policy.ConditionCase.holds;
import static io.emrys.iam.policy.PolicyFixtures.keys;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class BoolBinaryNullConditionTest
{
    private static final ConditionKeys SECURE = ConditionKeys.builder().secureTransport(true).build();
    private static final ConditionKeys PLAIN = ConditionKeys.builder().secureTransport(false).build();

    static Stream<ConditionCase> boolAndBinary()
    {
        return Stream.of(
                holds("Bool true on a secure request", "{'Bool':{'aws:SecureTransport':'true'}}", SECURE),
                fails("Bool true on a plain request", "{'Bool':{'aws:SecureTransport':'true'}}", PLAIN),
                holds("Bool takes a JSON boolean", "{'Bool':{'aws:SecureTransport':false}}", PLAIN),
                holds("Bool ignores the case of true and false", "{'Bool':{'aws:SecureTransport':'TRUE'}}", SECURE),
                fails("Bool with the key absent", "{'Bool':{'aws:MultiFactorAuthPresent':'false'}}", SECURE),
                holds("BoolIfExists with the key absent", "{'BoolIfExists':{'aws:MultiFactorAuthPresent':'true'}}", SECURE),
                fails("BoolIfExists with the key present and false", "{'BoolIfExists':{'aws:SecureTransport':'true'}}", PLAIN),
                holds("BinaryEquals of the same bytes", "{'BinaryEquals':{'emrys:Blob':'aGVsbG8='}}", keys("emrys:Blob", "aGVsbG8=")),
                fails("BinaryEquals of other bytes", "{'BinaryEquals':{'emrys:Blob':'UW1sdVlYSjU='}}", keys("emrys:Blob", "aGVsbG8=")),
                fails("BinaryEquals of a value that is no base64", "{'BinaryEquals':{'emrys:Blob':'aGVsbG8='}}", keys("emrys:Blob", "not base64!")),
                holds("BinaryEqualsIfExists with the key absent", "{'BinaryEqualsIfExists':{'emrys:Blob':'aGVsbG8='}}", keys()));
    }

    static Stream<ConditionCase> nullOperator()
    {
        ConditionKeys tagged = ConditionKeys.builder().requestTag("team", "data").build();
        return Stream.of(
                holds("Null true when the key is absent", "{'Null':{'aws:RequestTag/team':'true'}}", keys()),
                fails("Null true when the key is present", "{'Null':{'aws:RequestTag/team':'true'}}", tagged),
                holds("Null false when the key is present", "{'Null':{'aws:RequestTag/team':'false'}}", tagged),
                fails("Null false when the key is absent", "{'Null':{'aws:RequestTag/team':'false'}}", keys()),
                holds("Null takes a JSON boolean", "{'Null':{'aws:RequestTag/team':true}}", keys()),
                holds("Null looks at the key not the value", "{'Null':{'aws:RequestTag/team':'false'}}", keys("aws:RequestTag/team", "")),
                fails("Null with a value other than true or false", "{'Null':{'aws:RequestTag/team':'yes'}}", keys()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boolAndBinary")
    void boolAndBinaryCompareValues(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullOperator")
    void nullTestsWhetherTheKeyIsPresent(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }
}
