package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.testing.ProfileCommands;
import io.emrys.testing.ProfileCommands.Result;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * IAM and STS end to end with the AWS CLI and boto3, configured only by the profile Emrys writes (the account's root):
 * users, keys, groups, roles and policies managed with {@code aws iam}, then each identity allowed exactly what its
 * policies say on EMR Serverless, IAM and STS. No Spark starts here.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamIntegrationTest
{
    private final ObjectMapper json = new ObjectMapper();
    private TestingEmrys emrys;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
    }

    @AfterAll
    void stopServer()
    {
        emrys.close();
    }

    @Test
    void awsCliManagesUsersRolesAndPoliciesThroughTheProfilesIamAndStsEndpoints()
            throws Exception
    {
        JsonNode identity = awsJson("sts", "get-caller-identity");
        String account = identity.path("Account").asText();
        assertThat(identity.path("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":root");

        JsonNode user = awsJson("iam", "create-user", "--user-name", "dana", "--path", "/analysts/", "--tags", "Key=team,Value=data").path("User");
        assertThat(user.path("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/analysts/dana");
        assertThat(user.path("UserId").asText()).startsWith("AIDA").hasSize(21);
        assertThat(user.path("Tags").get(0).path("Value").asText()).isEqualTo("data");
        Result duplicate = aws("iam", "create-user", "--user-name", "dana");
        assertThat(duplicate.exitCode()).isNotZero();
        assertThat(duplicate.stderr()).contains("EntityAlreadyExists").contains("User with name dana already exists.");

        JsonNode key = awsJson("iam", "create-access-key", "--user-name", "dana").path("AccessKey");
        assertThat(key.path("AccessKeyId").asText()).startsWith("AKIA");
        assertThat(awsJson("iam", "list-access-keys", "--user-name", "dana").path("AccessKeyMetadata").get(0).path("Status").asText()).isEqualTo("Active");
        assertThat(awsJson("iam", "list-users", "--path-prefix", "/analysts/").path("Users")).extracting(node -> node.path("UserName").asText())
                .containsExactly("dana");

        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"emr-serverless:List*\",\"Resource\":\"*\"}]}";
        assertThat(aws("iam", "put-user-policy", "--user-name", "dana", "--policy-name", "lists", "--policy-document", document).exitCode()).isZero();
        JsonNode stored = awsJson("iam", "get-user-policy", "--user-name", "dana", "--policy-name", "lists");
        assertThat(stored.path("PolicyDocument").path("Statement").get(0).path("Action").asText()).isEqualTo("emr-serverless:List*");
        Result malformed = aws("iam", "put-user-policy", "--user-name", "dana", "--policy-name", "bad", "--policy-document", "{\"Statement\": 3}");
        assertThat(malformed.exitCode()).isNotZero();
        assertThat(malformed.stderr()).contains("MalformedPolicyDocument");

        String policyArn = awsJson("iam", "create-policy", "--policy-name", "read-logs", "--policy-document", document).path("Policy").path("Arn").asText();
        assertThat(aws("iam", "attach-user-policy", "--user-name", "dana", "--policy-arn", policyArn).exitCode()).isZero();
        assertThat(awsJson("iam", "list-attached-user-policies", "--user-name", "dana").path("AttachedPolicies").get(0).path("PolicyArn").asText())
                .isEqualTo(policyArn);
        Result conflict = aws("iam", "delete-user", "--user-name", "dana");
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.stderr()).contains("DeleteConflict");

        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"emr-serverless.amazonaws.com\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}";
        JsonNode role = awsJson("iam", "create-role", "--role-name", "job-role", "--assume-role-policy-document", trust).path("Role");
        assertThat(role.path("Arn").asText()).isEqualTo("arn:aws:iam::" + account + ":role/job-role");
        assertThat(awsJson("iam", "get-role", "--role-name", "job-role").path("Role").path("AssumeRolePolicyDocument").path("Statement").get(0)
                .path("Principal").path("Service").asText()).isEqualTo("emr-serverless.amazonaws.com");
        assertThat(awsJson("iam", "list-roles").path("Roles")).extracting(node -> node.path("RoleName").asText()).contains("job-role");

        // tearing down in IAM's order leaves nothing behind
        assertThat(aws("iam", "detach-user-policy", "--user-name", "dana", "--policy-arn", policyArn).exitCode()).isZero();
        assertThat(aws("iam", "delete-user-policy", "--user-name", "dana", "--policy-name", "lists").exitCode()).isZero();
        assertThat(aws("iam", "delete-access-key", "--user-name", "dana", "--access-key-id", key.path("AccessKeyId").asText()).exitCode()).isZero();
        assertThat(aws("iam", "delete-user", "--user-name", "dana").exitCode()).isZero();
        assertThat(aws("iam", "delete-policy", "--policy-arn", policyArn).exitCode()).isZero();
        assertThat(aws("iam", "delete-role", "--role-name", "job-role").exitCode()).isZero();
        Result gone = aws("iam", "get-user", "--user-name", "dana");
        assertThat(gone.stderr()).contains("NoSuchEntity").contains("The user with name dana cannot be found.");
    }

    @Test
    void boto3IdentitiesMayDoExactlyWhatTheirPoliciesAllow()
            throws Exception
    {
        Path script = Path.of(getClass().getResource("/clients/boto3_iam.py").toURI());
        Result result = run(List.of(PythonEnvironment.python(), script.toString()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("boto3 iam passed");
    }

    @Test
    void storedSecretsAreSealedUnderAKeyOutsideTheDatabase()
            throws Exception
    {
        awsJson("iam", "create-user", "--user-name", "erin");
        String userSecret = awsJson("iam", "create-access-key", "--user-name", "erin").path("AccessKey").path("SecretAccessKey").asText();
        String rootSecret = emrys.server().accessKeys().root().secretAccessKey();

        try (var files = Files.list(emrys.dataDir())) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("emrys.db")).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertThat(content).as(file.toString()).doesNotContain(rootSecret).doesNotContain(userSecret);
            }
        }
        Path keyFile = emrys.dataDir().resolve("keys").resolve("secrets.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    private JsonNode awsJson(String... arguments)
            throws IOException, InterruptedException
    {
        Result result = aws(arguments);
        assertThat(result.exitCode()).as(String.join(" ", arguments) + ": " + result.stderr()).isZero();
        return json.readTree(result.stdout());
    }

    private Result aws(String... arguments)
            throws IOException, InterruptedException
    {
        return new ProfileCommands(emrys.server()).aws(arguments);
    }

    private Result run(List<String> command)
            throws IOException, InterruptedException
    {
        return new ProfileCommands(emrys.server()).run(command);
    }
}
