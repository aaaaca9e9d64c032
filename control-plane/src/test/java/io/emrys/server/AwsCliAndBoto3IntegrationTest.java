package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.testing.ProfileCommands;
import io.emrys.testing.ProfileCommands.Result;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingSparkArtifacts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The same flow as a user would run it with the installed AWS CLI and with boto3, configured only by the profile
 * files Emrys writes into its data folder ({@code <data>/aws/config} and {@code credentials}, profile {@code emrys}).
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsCliAndBoto3IntegrationTest
{
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;

    private final ObjectMapper json = new ObjectMapper();
    private TestingEmrys emrys;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        role = emrys.executionRoleArn();
    }

    @AfterAll
    void stopServer()
    {
        emrys.close();
    }

    @Test
    void awsCliRunsASparkJobWithOnlyTheProfile()
            throws Exception
    {
        assertThat(aws("s3", "mb", "s3://cli-bucket").exitCode()).isZero();
        assertThat(aws("s3", "cp", TestingSparkArtifacts.testJobsJar().toString(), "s3://cli-bucket/jobs.jar").exitCode()).isZero();
        assertThat(aws("s3", "ls", "s3://cli-bucket/").stdout()).contains("jobs.jar");

        String applicationId = awsJson("emr-serverless", "create-application", "--name", "cli-app", "--release-label", "emr-spark-8.0", "--type", "SPARK")
                .path("applicationId").asText();
        assertThat(applicationId).matches("[0-9a-z]{16}");

        String jobRunId = awsJson("emr-serverless", "start-job-run", "--application-id", applicationId, "--execution-role-arn", role,
                "--job-driver", "{\"sparkSubmit\":{\"entryPoint\":\"s3://cli-bucket/jobs.jar\",\"sparkSubmitParameters\":\"--class io.emrys.testjobs.SparkFourFeatures --driver-memory 1g --conf spark.sql.scripting.enabled=true\"}}")
                .path("jobRunId").asText();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        JsonNode jobRun;
        do {
            Thread.sleep(1000);
            jobRun = awsJson("emr-serverless", "get-job-run", "--application-id", applicationId, "--job-run-id", jobRunId).path("jobRun");
        }
        while (!List.of("SUCCESS", "FAILED", "CANCELLED").contains(jobRun.path("state").asText()) && Instant.now().isBefore(deadline));
        assertThat(jobRun.path("state").asText()).as(jobRun.toString()).isEqualTo("SUCCESS");
        assertThat(jobRun.path("createdAt").isNumber()).as("timestamps are epoch seconds").isTrue();

        JsonNode runs = awsJson("emr-serverless", "list-job-runs", "--application-id", applicationId, "--states", "SUCCESS");
        assertThat(runs.path("jobRuns").get(0).path("id").asText()).isEqualTo(jobRunId);

        Result missing = aws("emr-serverless", "get-application", "--application-id", "00doesnotexist00");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("ResourceNotFoundException");
        Result invalid = aws("emr-serverless", "create-application", "--name", "x".repeat(65), "--release-label", "emr-spark-8.0", "--type", "SPARK");
        assertThat(invalid.exitCode()).isNotZero();
        assertThat(invalid.stderr()).contains("ValidationException").contains("name");
    }

    @Test
    void boto3RunsTheSameFlow()
            throws Exception
    {
        Path script = Path.of(getClass().getResource("/clients/boto3_flow.py").toURI());
        Result result = run(List.of(PythonEnvironment.python(), script.toString(), TestingSparkArtifacts.testJobsJar().toString()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("boto3 flow passed");
    }

    @Test
    void boto3DrivesTheSessionOperationsAndTheirErrors()
            throws Exception
    {
        Path script = Path.of(getClass().getResource("/clients/boto3_sessions.py").toURI());
        Result result = run(List.of(PythonEnvironment.python(), script.toString()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("boto3 sessions passed");
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
