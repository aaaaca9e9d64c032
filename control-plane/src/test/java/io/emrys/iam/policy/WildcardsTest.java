package io.emrys.iam.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class WildcardsTest
{
    @ParameterizedTest(name = "{0} against {1} is {2}")
    @CsvSource({
            "'', '', true",
            "'', a, false",
            "*, '', true",
            "*, anything:at/all, true",
            "a*, a, true",
            "a*c, abbbc, true",
            "a*c, abbbd, false",
            "a?c, abc, true",
            "a?c, ac, false",
            "*a*a*a*, xaxaxa, true",
            "*a*a*a*, xaxax, false",
            "a\\*, a*, true",
            "a\\*, ab, false",
            "a\\?, a?, true",
            "a\\\\b, a\\b, true"})
    void matchesStarsAndQuestionMarks(String pattern, String value, boolean matches)
    {
        assertThat(Wildcards.matches(pattern, value)).isEqualTo(matches);
    }

    @Test
    void escapeMakesAPatternOfLiteralText()
    {
        String literal = "we*ird?na\\me";

        assertThat(Wildcards.matches(Wildcards.escape(literal), literal)).isTrue();
        assertThat(Wildcards.matches(Wildcards.escape(literal), "weXirdYna\\me")).isFalse();
    }

    @Test
    void ignoringCaseIsOnlyForActions()
    {
        assertThat(Wildcards.matchesIgnoreCase("EMR-Serverless:Get*", "emr-serverless:getjobrun")).isTrue();
        assertThat(Wildcards.matches("EMR-Serverless:Get*", "emr-serverless:getjobrun")).isFalse();
    }

    @Test
    void manyStarsDoNotBacktrackExponentially()
    {
        String pattern = "*a".repeat(40) + "b";
        String value = "a".repeat(2000);

        assertThat(Wildcards.matches(pattern, value)).isFalse();
    }

    @Test
    void arnPatternsCompareSixParts()
    {
        assertThat(ArnPattern.matches("arn:aws:iam::*:role/R", "arn:aws:iam::123456789012:role/R")).isTrue();
        assertThat(ArnPattern.matches("arn:aws:s3:::b/*", "arn:aws:s3:::b/key:with:colons")).isTrue();
        assertThat(ArnPattern.matches("arn:aws:s3:::b/*", "arn:aws:s3:b/key")).isFalse();
    }

    @Test
    void ipRangesParseOnlyLiterals()
    {
        assertThat(IpRange.parseAddress("localhost")).isEmpty();
        assertThat(IpRange.parseAddress("1.2.3")).isEmpty();
        assertThat(IpRange.parseAddress("01.2.3.4.5")).isEmpty();
        assertThat(IpRange.parseAddress("::1").map(bytes -> bytes.length)).isEqualTo(Optional.of(16));
        assertThat(IpRange.parse("10.0.0.0/33")).isEmpty();
        assertThat(IpRange.parse("10.0.0.0/")).isEmpty();
        assertThat(IpRange.parse("::/129")).isEmpty();
    }
}
