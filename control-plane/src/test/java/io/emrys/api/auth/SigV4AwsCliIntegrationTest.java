package io.emrys.api.auth;

import io.emrys.testing.ClientProcess;
import io.emrys.testing.PythonEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The installed AWS CLI against the decorator: its signatures pass and its error output names our codes. */
@Timeout(180)
class SigV4AwsCliIntegrationTest
{
    private static EchoServer server;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startServer()
    {
        server = new EchoServer();
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @Test
    void listApplicationsIsAuthenticated()
    {
        ClientProcess.Result result = aws(EchoServer.SECRET_ACCESS_KEY, "emr-serverless", "list-applications");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("\"applications\"");
        EchoServer.Call call = server.lastCall();
        assertThat(call.caller().accessKeyId()).isEqualTo(EchoServer.ACCESS_KEY_ID);
        assertThat(call.signingService()).isEqualTo("emr-serverless");
        assertThat(call.method()).isEqualTo("GET");
        assertThat(call.rawPath()).startsWith("/applications");
    }

    @Test
    void pathLabelWithPlusIsVerifiedFromTheRawPath()
    {
        ClientProcess.Result result = aws(EchoServer.SECRET_ACCESS_KEY, "emr-serverless", "get-application", "--application-id", "app+1 x");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(server.lastCall().rawPath()).isEqualTo("/applications/app%2B1%20x");
    }

    @Test
    void postWithJsonBodyIsAuthenticated()
    {
        ClientProcess.Result result = aws(EchoServer.SECRET_ACCESS_KEY, "emr-serverless", "start-job-run",
                "--application-id", "00f1abc", "--execution-role-arn", "arn:aws:iam::123456789012:role/job",
                "--job-driver", "{\"sparkSubmit\":{\"entryPoint\":\"s3://bucket/job.py\",\"entryPointArguments\":[\"a b\",\"c+d\"]}}");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        EchoServer.Call call = server.lastCall();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.rawPath()).isEqualTo("/applications/00f1abc/jobruns");
        assertThat(call.body()).contains("s3://bucket/job.py");
    }

    @Test
    void emrTargetRequestIsAuthenticatedForElasticMapReduce()
    {
        ClientProcess.Result result = aws(EchoServer.SECRET_ACCESS_KEY, "emr", "list-clusters");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(server.lastCall().signingService()).isEqualTo("elasticmapreduce");
    }

    @Test
    void wrongSecretIsReportedAsInvalidSignature()
    {
        ClientProcess.Result result = aws("wrong-secret", "emr-serverless", "list-applications");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(InvalidSignatureException)");
    }

    @Test
    void unknownKeyIsReportedAsUnrecognizedClient()
    {
        ClientProcess.Result result = run("AKIAUNKNOWNKEY000000", EchoServer.SECRET_ACCESS_KEY, "emr-serverless", "list-applications");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(UnrecognizedClientException)");
    }

    @Test
    void stsErrorsAreReadFromTheQueryProtocolXml()
    {
        ClientProcess.Result result = aws("wrong-secret", "sts", "get-caller-identity");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("(SignatureDoesNotMatch)");
    }

    private ClientProcess.Result aws(String secret, String... arguments)
    {
        return run(EchoServer.ACCESS_KEY_ID, secret, arguments);
    }

    private ClientProcess.Result run(String accessKeyId, String secret, String... arguments)
    {
        List<String> command = new ArrayList<>(List.of(PythonEnvironment.aws()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--endpoint-url", server.endpoint(), "--region", "us-east-1", "--output", "json"));
        return ClientProcess.run(command, ClientProcess.environment(accessKeyId, secret, scratch), Duration.ofSeconds(60));
    }
}
