package io.emrys.iam.policy;

import static io.emrys.iam.policy.ConditionCase.fails;
import static io.emrys.iam.policy.ConditionCase.holds;
import static io.emrys.iam.policy.PolicyFixtures.keys;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class NumericAndDateConditionTest
{
    private static final ConditionKeys JUNE_2013 = ConditionKeys.builder().currentTime(Instant.parse("2013-06-15T12:00:00Z")).build();

    static Stream<ConditionCase> numericOperators()
    {
        return Stream.of(
                holds("NumericEquals of the same number", "{'NumericEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "10")),
                holds("NumericEquals compares numbers not text", "{'NumericEquals':{'s3:max-keys':'10.0'}}", keys("s3:max-keys", "10")),
                holds("NumericEquals takes a JSON number", "{'NumericEquals':{'s3:max-keys':10}}", keys("s3:max-keys", "10")),
                fails("NumericEquals of another number", "{'NumericEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "11")),
                fails("NumericEquals of a request value that is no number", "{'NumericEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "ten")),
                holds("NumericNotEquals of another number", "{'NumericNotEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "11")),
                fails("NumericNotEquals of the same number", "{'NumericNotEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "10")),
                holds("NumericLessThan compares the request to the policy", "{'NumericLessThan':{'s3:max-keys':'10'}}", keys("s3:max-keys", "9")),
                fails("NumericLessThan of an equal number", "{'NumericLessThan':{'s3:max-keys':'10'}}", keys("s3:max-keys", "10")),
                holds("NumericLessThanEquals of an equal number", "{'NumericLessThanEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "10")),
                fails("NumericLessThanEquals of a larger number", "{'NumericLessThanEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "10.5")),
                holds("NumericGreaterThan of a larger number", "{'NumericGreaterThan':{'s3:max-keys':'10'}}", keys("s3:max-keys", "11")),
                fails("NumericGreaterThan of an equal number", "{'NumericGreaterThan':{'s3:max-keys':'10'}}", keys("s3:max-keys", "10")),
                holds("NumericGreaterThanEquals of an equal number", "{'NumericGreaterThanEquals':{'s3:max-keys':'10'}}", keys("s3:max-keys", "10")),
                fails("NumericGreaterThanEquals of a smaller negative number", "{'NumericGreaterThanEquals':{'s3:max-keys':'-1'}}", keys("s3:max-keys", "-2")),
                fails("NumericLessThan with the key absent", "{'NumericLessThan':{'s3:max-keys':'10'}}", keys()),
                holds("NumericNotEquals with the key absent", "{'NumericNotEquals':{'s3:max-keys':'10'}}", keys()),
                holds("NumericLessThanIfExists with the key absent", "{'NumericLessThanIfExists':{'s3:max-keys':'10'}}", keys()));
    }

    static Stream<ConditionCase> dateOperators()
    {
        return Stream.of(
                holds("DateLessThan on aws:CurrentTime before the date", "{'DateLessThan':{'aws:CurrentTime':'2013-06-30T00:00:00Z'}}", JUNE_2013),
                fails("DateLessThan on aws:CurrentTime after the date", "{'DateLessThan':{'aws:CurrentTime':'2013-06-01T00:00:00Z'}}", JUNE_2013),
                holds("DateGreaterThan on aws:CurrentTime after the date", "{'DateGreaterThan':{'aws:CurrentTime':'2013-06-01T00:00:00Z'}}", JUNE_2013),
                holds("a policy date with an offset", "{'DateLessThan':{'aws:CurrentTime':'2013-06-15T13:30:00+01:00'}}", JUNE_2013),
                holds("a bare policy date is its start in UTC", "{'DateGreaterThan':{'aws:CurrentTime':'2013-06-15'}}", JUNE_2013),
                holds("a policy date in epoch seconds", "{'DateLessThan':{'aws:CurrentTime':'1371340800'}}", JUNE_2013),
                holds("aws:EpochTime against an ISO date", "{'DateGreaterThan':{'aws:EpochTime':'2013-06-15T11:59:59Z'}}", JUNE_2013),
                holds("DateEquals of the same instant written differently", "{'DateEquals':{'aws:CurrentTime':'2013-06-15T14:00:00+02:00'}}", JUNE_2013),
                fails("DateNotEquals of the same instant", "{'DateNotEquals':{'aws:CurrentTime':'2013-06-15T12:00:00Z'}}", JUNE_2013),
                holds("DateNotEquals of another instant", "{'DateNotEquals':{'aws:CurrentTime':'2013-06-15T12:00:01Z'}}", JUNE_2013),
                holds("DateLessThanEquals of the same instant", "{'DateLessThanEquals':{'aws:CurrentTime':'2013-06-15T12:00:00Z'}}", JUNE_2013),
                fails("DateGreaterThan of the same instant", "{'DateGreaterThan':{'aws:CurrentTime':'2013-06-15T12:00:00Z'}}", JUNE_2013),
                holds("DateGreaterThanEquals of the same instant", "{'DateGreaterThanEquals':{'aws:CurrentTime':'2013-06-15T12:00:00Z'}}", JUNE_2013),
                fails("a policy value that is no date matches nothing", "{'DateLessThan':{'aws:CurrentTime':'next tuesday'}}", JUNE_2013),
                fails("DateLessThan with the key absent", "{'DateLessThan':{'aws:TokenIssueTime':'2030-01-01T00:00:00Z'}}", JUNE_2013),
                holds("DateLessThanIfExists with the key absent", "{'DateLessThanIfExists':{'aws:TokenIssueTime':'2000-01-01T00:00:00Z'}}", JUNE_2013));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numericOperators")
    void numericOperatorsCompareNumbers(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dateOperators")
    void dateOperatorsCompareInstants(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }
}
