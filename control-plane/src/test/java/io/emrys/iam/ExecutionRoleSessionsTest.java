package io.emrys.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.common.TemporaryCredentials;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.store.Database;
import io.emrys.store.Transactions;
import io.emrys.testing.TestingClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionRoleSessionsTest
{
    private static final String SERVICE_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "emr-serverless.amazonaws.com"}, "Action": "sts:AssumeRole"}]}""";
    private static final String S3_READ = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}""";

    @TempDir
    Path folder;

    private final TestingClock clock = new TestingClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final ObjectMapper json = new ObjectMapper();
    private IamModule iam;
    private ExecutionRoleSessions roles;

    @BeforeEach
    void createAccount()
    {
        iam = IamModule.create(new Transactions(Database.openSqlite(folder.resolve("emrys.db"))),
                SecretSealer.openOrCreate(folder.resolve("secrets.key"), new SecureRandom()), json, clock);
        roles = new ExecutionRoleSessions(iam);
    }

    @Test
    void roleTrustedByTheServiceIsAssumedForItsMaximumSessionDuration()
    {
        String arn = iam.roles().create("job", Optional.empty(), SERVICE_TRUST, Optional.empty(), Optional.of(7200), List.of()).arn();

        TemporaryCredentials credentials = roles.assume(arn, "run1-1", Optional.empty());

        assertThat(credentials.accessKeyId()).startsWith("ASIA");
        assertThat(credentials.expiration()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(credentials.principalArn()).isEqualTo("arn:aws:sts::" + iam.accessKeys().accountId() + ":assumed-role/job/run1-1");
        assertThat(iam.accessKeys().find(credentials.accessKeyId())).as("usable at once, like AssumeRole's keys")
                .hasValueSatisfying(credential -> assertThat(credential.temporary()).isTrue());
        assertThat(credentials.toString()).doesNotContain(credentials.secretAccessKey()).doesNotContain(credentials.sessionToken());
    }

    @Test
    void expiredSessionKeysAreKnownForADayThenForgotten()
    {
        String arn = iam.roles().create("hourly", Optional.empty(), SERVICE_TRUST, Optional.empty(), Optional.empty(), List.of()).arn();
        TemporaryCredentials credentials = roles.assume(arn, "run2-1", Optional.empty());

        clock.advance(Duration.ofHours(2));
        iam.sessions().expire();
        assertThat(iam.accessKeys().find(credentials.accessKeyId())).as("an hour after expiry: still told it expired").isPresent();

        clock.advance(Duration.ofDays(1));
        iam.sessions().expire();
        assertThat(iam.accessKeys().find(credentials.accessKeyId())).as("a day after expiry: forgotten").isEmpty();
        assertThat(iam.accessKeys().find(iam.accessKeys().root().accessKeyId())).as("long-term keys stay").isPresent();
    }

    @Test
    void roleTrustingAnotherServiceOrOnlyUsersIsRefused()
    {
        String glue = iam.roles().create("glue", Optional.empty(), SERVICE_TRUST.replace("emr-serverless", "glue"), Optional.empty(), Optional.empty(),
                List.of()).arn();
        String users = iam.roles().create("users", Optional.empty(), """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "sts:AssumeRole"}]}"""
                .formatted(iam.accessKeys().accountId()), Optional.empty(), Optional.empty(), List.of()).arn();

        for (String arn : List.of(glue, users)) {
            assertThatThrownBy(() -> roles.requireAssumable(arn)).isInstanceOfSatisfying(EmrysException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                assertThat(e.getMessage()).contains(arn).contains("emr-serverless.amazonaws.com");
            });
        }
    }

    @Test
    void roleOfAnotherAccountOrThatDoesNotExistIsRefused()
    {
        iam.roles().create("job", Optional.empty(), SERVICE_TRUST, Optional.empty(), Optional.empty(), List.of());
        String other = iam.accessKeys().accountId().equals("111122223333") ? "444455556666" : "111122223333";

        for (String arn : List.of("arn:aws:iam::" + other + ":role/job", "arn:aws:iam::" + iam.accessKeys().accountId() + ":role/missing")) {
            assertThatThrownBy(() -> roles.requireAssumable(arn)).isInstanceOfSatisfying(EmrysException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        }
    }

    @Test
    void sessionPolicyHoldsTheStatementsOfTheInlinePolicyAndOfEachManagedPolicy()
            throws Exception
    {
        String managed = iam.policies().create("read", Optional.empty(), S3_READ, Optional.empty(), List.of()).arn();

        String policy = roles.sessionPolicy(Optional.of("""
                {"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}}"""), List.of(managed)).orElseThrow();

        JsonNode statements = json.readTree(policy).path("Statement");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).path("Effect").asText()).isEqualTo("Deny");
        assertThat(statements.get(1).path("Action").asText()).isEqualTo("s3:GetObject");
        assertThat(roles.sessionPolicy(Optional.empty(), List.of())).isEmpty();
    }

    @Test
    void malformedOrUnknownExecutionPoliciesAreValidationErrors()
    {
        String unknown = "arn:aws:iam::" + iam.accessKeys().accountId() + ":policy/none";
        assertThatThrownBy(() -> roles.sessionPolicy(Optional.of("{\"Statement\": ["), List.of()))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        assertThatThrownBy(() -> roles.sessionPolicy(Optional.empty(), List.of(unknown)))
                .isInstanceOfSatisfying(EmrysException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e.getMessage()).contains(unknown);
                });
    }
}
