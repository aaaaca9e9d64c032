package io.emrys.iam.policy;

import static io.emrys.iam.policy.PolicyFixtures.ALICE;
import static io.emrys.iam.policy.PolicyFixtures.EVALUATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy an interactive-session user gets, exactly as it will be handed out. */
@Timeout(10)
class SessionUserPolicyTest
{
    private static final PolicyDocument SESSION_USER = PolicyDocument.parse("""
            {"Version":"2012-10-17","Statement":[
             {"Sid":"EMRServerlessInteractiveAccess","Effect":"Allow","Action":["emr-serverless:StartSession","emr-serverless:ListSessions"],"Resource":"arn:aws:emr-serverless:*:123456789012:/applications/*"},
             {"Sid":"EMRServerlessSessionAccess","Effect":"Allow","Action":["emr-serverless:GetSession","emr-serverless:GetSessionEndpoint","emr-serverless:TerminateSession","emr-serverless:GetResourceDashboard"],"Resource":"arn:aws:emr-serverless:*:123456789012:/applications/*/sessions/*"},
             {"Sid":"AllowPassingRuntimeRole","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/EMRServerlessSessionRole","Condition":{"StringLike":{"iam:PassedToService":"emr-serverless.amazonaws.com"}}}]}
            """);

    private static final String APPLICATION = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1abc";
    private static final String SESSION = APPLICATION + "/sessions/00f2def";
    private static final String SESSION_ROLE = "arn:aws:iam::123456789012:role/EMRServerlessSessionRole";

    record Row(String name, String action, String resource, Optional<String> passedToService, Decision decision, Optional<String> sid)
    {
        @Override
        public String toString()
        {
            return name;
        }
    }

    static Stream<Row> requests()
    {
        return Stream.of(
                allowed("StartSession on an application", "emr-serverless:StartSession", APPLICATION, "EMRServerlessInteractiveAccess"),
                allowed("ListSessions on an application", "emr-serverless:ListSessions", APPLICATION, "EMRServerlessInteractiveAccess"),
                allowed("StartSession in another region", "emr-serverless:StartSession", APPLICATION.replace("us-east-1", "eu-west-1"), "EMRServerlessInteractiveAccess"),
                denied("StartSession in another account", "emr-serverless:StartSession", APPLICATION.replace("123456789012", "111122223333")),
                allowed("GetSession on a session", "emr-serverless:GetSession", SESSION, "EMRServerlessSessionAccess"),
                allowed("GetSessionEndpoint on a session", "emr-serverless:GetSessionEndpoint", SESSION, "EMRServerlessSessionAccess"),
                allowed("TerminateSession on a session", "emr-serverless:TerminateSession", SESSION, "EMRServerlessSessionAccess"),
                allowed("GetResourceDashboard on a session", "emr-serverless:GetResourceDashboard", SESSION, "EMRServerlessSessionAccess"),
                denied("GetSession on the application itself", "emr-serverless:GetSession", APPLICATION),
                denied("GetResourceDashboard on a job run", "emr-serverless:GetResourceDashboard", APPLICATION + "/jobruns/00f3"),
                denied("StartJobRun", "emr-serverless:StartJobRun", APPLICATION),
                denied("CreateApplication", "emr-serverless:CreateApplication", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/*"),
                denied("ListApplications", "emr-serverless:ListApplications", "*"),
                new Row("PassRole of the session role to EMR Serverless", "iam:PassRole", SESSION_ROLE, Optional.of("emr-serverless.amazonaws.com"),
                        Decision.ALLOW, Optional.of("AllowPassingRuntimeRole")),
                passRole("PassRole of another role", "arn:aws:iam::123456789012:role/Admin", Optional.of("emr-serverless.amazonaws.com")),
                passRole("PassRole of the session role to EC2", SESSION_ROLE, Optional.of("ec2.amazonaws.com")),
                passRole("PassRole without a service to pass to", SESSION_ROLE, Optional.empty()),
                passRole("PassRole of a same-named role in another account", "arn:aws:iam::111122223333:role/EMRServerlessSessionRole", Optional.of("emr-serverless.amazonaws.com")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void allowsOnlyWhatItSays(Row row)
    {
        ConditionKeys.Builder keys = ConditionKeys.builder().principal(ALICE);
        row.passedToService().ifPresent(keys::passedToService);

        EvaluationResult result = EVALUATOR.evaluate(new RequestContext(ALICE, row.action(), row.resource(), keys.build()), List.of(SESSION_USER));

        assertThat(result.decision()).isEqualTo(row.decision());
        assertThat(result.statement().flatMap(Statement::sid)).isEqualTo(row.sid());
    }

    private static Row allowed(String name, String action, String resource, String sid)
    {
        return new Row(name, action, resource, Optional.empty(), Decision.ALLOW, Optional.of(sid));
    }

    private static Row denied(String name, String action, String resource)
    {
        return new Row(name, action, resource, Optional.empty(), Decision.IMPLICIT_DENY, Optional.empty());
    }

    private static Row passRole(String name, String role, Optional<String> service)
    {
        return new Row(name, "iam:PassRole", role, service, Decision.IMPLICIT_DENY, Optional.empty());
    }
}
