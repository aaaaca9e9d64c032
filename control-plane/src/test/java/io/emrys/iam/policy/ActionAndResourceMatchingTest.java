package io.emrys.iam.policy;

import static io.emrys.iam.policy.PolicyFixtures.decide;
import static io.emrys.iam.policy.PolicyFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(10)
class ActionAndResourceMatchingTest
{
    private static final String APPLICATION = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1abc";
    private static final String JOB_RUN = APPLICATION + "/jobruns/00f2def";

    /** One Allow statement with {@code element} (single-quoted JSON) and whether it applies to the request. */
    record Row(String name, String element, String action, String resource, boolean applies)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static Stream<Row> actions()
    {
        return Stream.of(
                applies("an exact action", "'Action':'emr-serverless:StartJobRun'", "emr-serverless:StartJobRun", "*"),
                applies("actions ignore case", "'Action':'EMR-Serverless:startjobrun'", "emr-serverless:StartJobRun", "*"),
                doesNot("another action", "'Action':'emr-serverless:StartJobRun'", "emr-serverless:CancelJobRun", "*"),
                applies("a star after a prefix", "'Action':'emr-serverless:Get*'", "emr-serverless:GetJobRun", "*"),
                doesNot("a prefix star does not reach other verbs", "'Action':'emr-serverless:Get*'", "emr-serverless:ListJobRuns", "*"),
                applies("a whole-service star", "'Action':'emr-serverless:*'", "emr-serverless:ListApplications", "*"),
                doesNot("the service prefix counts", "'Action':'emr-serverless:*'", "emr-containers:ListVirtualClusters", "*"),
                applies("a star for every action", "'Action':'*'", "iam:PassRole", "*"),
                applies("a question mark for one character", "'Action':'s3:?etObject'", "s3:GetObject", "*"),
                doesNot("a question mark is not zero characters", "'Action':'s3:?GetObject'", "s3:GetObject", "*"),
                applies("a star in the middle", "'Action':'emr-serverless:*JobRun'", "emr-serverless:CancelJobRun", "*"),
                applies("any listed action", "'Action':['iam:PassRole','emr-serverless:StartJobRun']", "emr-serverless:StartJobRun", "*"),
                doesNot("NotAction excludes what it lists", "'NotAction':'iam:*'", "iam:CreateUser", "*"),
                applies("NotAction covers every other action", "'NotAction':'iam:*'", "emr-serverless:StartJobRun", "*"),
                doesNot("NotAction ignores case too", "'NotAction':'IAM:*'", "iam:CreateUser", "*"),
                doesNot("NotAction with a star covers nothing", "'NotAction':'*'", "s3:GetObject", "*"));
    }

    static Stream<Row> resources()
    {
        return Stream.of(
                applies("a star covers every resource", "'Resource':'*'", "s3:GetObject", APPLICATION),
                applies("a star covers a request without a resource", "'Resource':'*'", "emr-serverless:ListApplications", "*"),
                doesNot("an ARN does not cover a request without a resource", "'Resource':'" + APPLICATION + "'", "emr-serverless:ListApplications", "*"),
                applies("an exact ARN", "'Resource':'" + APPLICATION + "'", "s3:GetObject", APPLICATION),
                doesNot("resources are case-sensitive", "'Resource':'" + APPLICATION.replace("00f1abc", "00F1ABC") + "'", "s3:GetObject", APPLICATION),
                applies("a star in the region segment", "'Resource':'arn:aws:emr-serverless:*:123456789012:/applications/00f1abc'", "s3:GetObject", APPLICATION),
                applies("a trailing star crosses slashes", "'Resource':'arn:aws:emr-serverless:*:123456789012:/applications/*'", "s3:GetObject", JOB_RUN),
                doesNot("an exact ARN does not cover its children", "'Resource':'" + APPLICATION + "'", "s3:GetObject", JOB_RUN),
                applies("a star ending a segment runs on across colons", "'Resource':'arn:aws:emr-serverless:*'", "s3:GetObject", JOB_RUN),
                doesNot("a star inside a segment stays in it", "'Resource':'arn:aws:iam::*root'", "s3:GetObject", "arn:aws:iam::123456789012:x:root"),
                applies("a star inside a segment within it", "'Resource':'arn:aws:iam::1234*:root'", "s3:GetObject", "arn:aws:iam::123456789012:root"),
                doesNot("another account", "'Resource':'arn:aws:emr-serverless:*:111122223333:/applications/*'", "s3:GetObject", APPLICATION),
                applies("a question mark in a segment", "'Resource':'arn:aws:s3:::bucket-?/*'", "s3:GetObject", "arn:aws:s3:::bucket-a/key"),
                applies("any listed resource", "'Resource':['arn:aws:s3:::a','" + APPLICATION + "']", "s3:GetObject", APPLICATION),
                doesNot("NotResource excludes what it lists", "'NotResource':'arn:aws:s3:::secret/*'", "s3:GetObject", "arn:aws:s3:::secret/key"),
                applies("NotResource covers every other resource", "'NotResource':'arn:aws:s3:::secret/*'", "s3:GetObject", "arn:aws:s3:::public/key"),
                applies("NotResource covers a request without a resource", "'NotResource':'arn:aws:s3:::secret/*'", "s3:ListAllMyBuckets", "*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actions")
    void actionsMatchCaseInsensitivelyWithWildcards(Row row)
    {
        assertApplies(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void resourcesMatchArnsCaseSensitivelyWithWildcards(Row row)
    {
        assertApplies(row);
    }

    private static void assertApplies(Row row)
    {
        String defaults = row.element().contains("Action") ? "'Resource':'*'" : "'Action':'*'";
        String statement = "{'Effect':'Allow'," + row.element() + "," + defaults + "}";
        assertThat(decide(statement, request(row.action(), row.resource()))).isEqualTo(row.applies() ? Decision.ALLOW : Decision.IMPLICIT_DENY);
    }

    private static Row applies(String name, String element, String action, String resource)
    {
        return new Row(name, element, action, resource, true);
    }

    private static Row doesNot(String name, String element, String action, String resource)
    {
        return new Row(name, element, action, resource, false);
    }
}
