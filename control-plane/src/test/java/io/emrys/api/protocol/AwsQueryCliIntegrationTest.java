package io.emrys.api.protocol;

import io.emrys.testing.ClientProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.testing.PythonEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The project's AWS CLI against IAM at /iam and STS at /sts: its output and its error lines name our answers. */
@Timeout(180)
class AwsQueryCliIntegrationTest
{
    // the project pins AWS CLI v1 (requirements.txt), which exits 255 on any error, the service's included; v2 uses 254
    private static final int SERVICE_ERROR = 255;

    private static AwsQueryTestServer server;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startServer()
    {
        server = new AwsQueryTestServer();
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @Test
    void createUserSendsTagsAndPrintsTheUserWithThem()
            throws IOException
    {
        ClientProcess.Result result = aws(AwsQueryTestServer.SECRET_ACCESS_KEY, "iam", "iam", "create-user", "--user-name", "alice",
                "--tags", "Key=team,Value=data eng", "Key=env,Value=prod");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode user = new ObjectMapper().readTree(result.stdout()).path("User");
        assertThat(user.path("UserName").asText()).isEqualTo("alice");
        // CLI v1 prints a timestamp as the service wrote it
        assertThat(user.path("CreateDate").asText()).isEqualTo(AwsQueryTestServer.CREATED);
        assertThat(user.path("Tags").toString()).isEqualTo("[{\"Key\":\"team\",\"Value\":\"data eng\"},{\"Key\":\"env\",\"Value\":\"prod\"}]");
        assertThat(server.signed().get(server.signed().size() - 1)).isEqualTo(new AwsQueryTestServer.Signed("/iam", "us-east-1", "iam"));
    }

    @Test
    void listUsersFollowsTheMarkerToTheLastPage()
            throws IOException
    {
        ClientProcess.Result result = aws(AwsQueryTestServer.SECRET_ACCESS_KEY, "iam", "iam", "list-users");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(new ObjectMapper().readTree(result.stdout()).path("Users").findValuesAsText("UserName")).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aMissingUserIsReportedAsNoSuchEntity()
    {
        ClientProcess.Result result = aws(AwsQueryTestServer.SECRET_ACCESS_KEY, "iam", "iam", "get-user", "--user-name", "nobody");

        assertThat(result.exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(result.stderr()).contains("An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.");
    }

    @Test
    void aBrokenConstraintIsReportedAsValidationError()
    {
        ClientProcess.Result result = aws(AwsQueryTestServer.SECRET_ACCESS_KEY, "iam", "iam", "create-user", "--user-name", "has space");

        assertThat(result.exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(result.stderr()).contains("An error occurred (ValidationError) when calling the CreateUser operation: 1 validation error detected: "
                + "Value 'has space' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern");
    }

    @Test
    void getCallerIdentityPrintsTheSigner()
            throws IOException
    {
        ClientProcess.Result result = aws(AwsQueryTestServer.SECRET_ACCESS_KEY, "sts", "sts", "get-caller-identity");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(new ObjectMapper().readTree(result.stdout()).toString())
                .isEqualTo("{\"UserId\":\"AIDAEMRYSTESTER\",\"Account\":\"123456789012\",\"Arn\":\"arn:aws:iam::123456789012:user/tester\"}");
    }

    @Test
    void aWrongSecretIsReportedAsSignatureDoesNotMatch()
    {
        ClientProcess.Result result = aws("wrong-secret", "iam", "iam", "list-users");

        assertThat(result.exitCode()).isEqualTo(SERVICE_ERROR);
        assertThat(result.stderr()).contains("(SignatureDoesNotMatch)");
    }

    private ClientProcess.Result aws(String secret, String prefix, String... arguments)
    {
        List<String> command = new ArrayList<>(List.of(PythonEnvironment.aws()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--endpoint-url", server.endpoint(prefix), "--region", "us-east-1", "--output", "json"));
        return ClientProcess.run(command, ClientProcess.environment(AwsQueryTestServer.ACCESS_KEY_ID, secret, scratch), Duration.ofSeconds(60));
    }
}
