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
class IpAndArnConditionTest
{
    private static final String ROLE = "arn:aws:iam::123456789012:role/EMRServerlessSessionRole";

    static Stream<ConditionCase> ipOperators()
    {
        return Stream.of(
                holds("IpAddress inside an IPv4 block", "{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", source("203.0.113.77")),
                fails("IpAddress outside an IPv4 block", "{'IpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", source("203.0.114.1")),
                holds("IpAddress of a bare address", "{'IpAddress':{'aws:SourceIp':'192.0.2.10'}}", source("192.0.2.10")),
                fails("IpAddress of a bare address is a block of one", "{'IpAddress':{'aws:SourceIp':'192.0.2.10'}}", source("192.0.2.11")),
                holds("IpAddress with a prefix that is not on a byte boundary", "{'IpAddress':{'aws:SourceIp':'10.0.0.0/12'}}", source("10.15.255.255")),
                fails("IpAddress just past a /12", "{'IpAddress':{'aws:SourceIp':'10.0.0.0/12'}}", source("10.16.0.0")),
                holds("IpAddress /0 covers every IPv4 address", "{'IpAddress':{'aws:SourceIp':'0.0.0.0/0'}}", source("198.51.100.1")),
                holds("IpAddress inside an IPv6 block", "{'IpAddress':{'aws:SourceIp':'2001:DB8:1234:5678::/64'}}", source("2001:db8:1234:5678::abcd")),
                fails("IpAddress outside an IPv6 block", "{'IpAddress':{'aws:SourceIp':'2001:DB8:1234:5678::/64'}}", source("2001:db8:1234:5679::1")),
                fails("an IPv6 address is not in an IPv4 block", "{'IpAddress':{'aws:SourceIp':'0.0.0.0/0'}}", source("2001:db8::1")),
                holds("IpAddress values are ORed", "{'IpAddress':{'aws:SourceIp':['192.0.2.0/24','203.0.113.0/24']}}", source("203.0.113.5")),
                fails("a request value that is no address", "{'IpAddress':{'aws:SourceIp':'0.0.0.0/0'}}", source("example.com")),
                fails("a policy block that is no block", "{'IpAddress':{'aws:SourceIp':'300.0.0.0/8'}}", source("10.0.0.1")),
                fails("NotIpAddress of an address in the block", "{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", source("203.0.113.77")),
                holds("NotIpAddress of an address outside the block", "{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", source("192.0.2.1")),
                holds("NotIpAddress with the key absent", "{'NotIpAddress':{'aws:SourceIp':'203.0.113.0/24'}}", keys()),
                fails("IpAddress with the key absent", "{'IpAddress':{'aws:SourceIp':'0.0.0.0/0'}}", keys()));
    }

    static Stream<ConditionCase> arnOperators()
    {
        return Stream.of(
                holds("ArnEquals of the same ARN", "{'ArnEquals':{'aws:PrincipalArn':'" + ROLE + "'}}", principal(ROLE)),
                holds("ArnLike with a wildcard in the account segment", "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/EMRServerless*'}}", principal(ROLE)),
                fails("ArnLike wildcard stays within its segment", "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/Admin'}}", keys("aws:PrincipalArn", "arn:aws:iam::123456789012:extra:role/Admin")),
                holds("ArnLike star in the resource part crosses slashes", "{'ArnLike':{'aws:SourceArn':'arn:aws:emr-serverless:*:123456789012:/applications/*'}}",
                        keys("aws:SourceArn", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1/jobruns/00f2")),
                holds("ArnEquals also takes wildcards, as IAM documents", "{'ArnEquals':{'aws:SourceArn':'arn:aws:sns:*:123456789012:topic-?'}}", keys("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:topic-a")),
                fails("ArnLike is case-sensitive", "{'ArnLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/emrserverless*'}}", principal(ROLE)),
                fails("ArnLike of a value that is no ARN", "{'ArnLike':{'aws:SourceArn':'arn:aws:s3:::*'}}", keys("aws:SourceArn", "bucket")),
                holds("ArnLike with a bare star", "{'ArnLike':{'aws:SourceArn':'*'}}", keys("aws:SourceArn", "arn:aws:s3:::bucket")),
                fails("ArnLike of another account", "{'ArnLike':{'aws:SourceArn':'arn:aws:sns:*:111122223333:*'}}", keys("aws:SourceArn", "arn:aws:sns:us-east-1:123456789012:t")),
                fails("ArnNotEquals of the same ARN", "{'ArnNotEquals':{'aws:PrincipalArn':'" + ROLE + "'}}", principal(ROLE)),
                holds("ArnNotLike of a non-matching ARN", "{'ArnNotLike':{'aws:PrincipalArn':'arn:aws:iam::*:role/Admin*'}}", principal(ROLE)),
                holds("ArnNotLike with the key absent", "{'ArnNotLike':{'aws:SourceArn':'arn:aws:iam::*:role/Admin*'}}", keys()),
                fails("ArnLike with the key absent", "{'ArnLike':{'aws:SourceArn':'*'}}", keys()),
                holds("ArnLikeIfExists with the key absent", "{'ArnLikeIfExists':{'aws:SourceArn':'arn:aws:s3:::x'}}", keys()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipOperators")
    void ipOperatorsTestCidrBlocks(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arnOperators")
    void arnOperatorsCompareSegmentBySegment(ConditionCase row)
    {
        assertThat(row.evaluate()).isEqualTo(row.holds());
    }

    private static ConditionKeys source(String address)
    {
        return ConditionKeys.builder().sourceIp(address).build();
    }

    private static ConditionKeys principal(String arn)
    {
        return ConditionKeys.builder().principal(RequestPrincipal.aws(arn)).build();
    }
}
