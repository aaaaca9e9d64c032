package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.testing.ChildProcess;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Airflow's Amazon provider drives Emrys: {@code airflow/emr_serverless_dag.py}, a DAG of the provider's EMR
 * Serverless operators and waiters, run once with {@code dag.test()} from {@code .venv-airflow} (Airflow 2.10 and
 * the provider, pinned in {@code requirements-airflow.txt}) against the real server, over an Airflow connection
 * whose only Emrys-specific part is its {@code endpoint_url}. Airflow's home (its sqlite database, migrated here
 * first) is a temporary folder of this run. Runs only in the {@code airflow} profile.
 */
@Tag("airflow")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowDagIntegrationTest
{
    private static final String BUCKET = "airflow-dag";
    private static final List<String> JOBS = List.of("word_counts.py", "rejects_input.py", "runs_for_ten_minutes.py");

    private final ObjectMapper json = new ObjectMapper();
    private TestingEmrys emrys;
    private S3Client s3;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        TestingObjects.uploadResources(s3, BUCKET, "code/", "/airflow/jobs", JOBS);
    }

    @AfterAll
    void stopServer()
    {
        s3.close();
        emrys.close();
    }

    @Test
    void theProvidersOperatorsRunAnApplicationsWholeLifeWithSucceedingFailingAndCancelledJobs()
            throws IOException, URISyntaxException
    {
        JsonNode summary = runDag();

        assertThat(json.convertValue(summary.path("tasks"), Map.class)).as(summary.toString()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "create_application", "success",
                "word_counts", "success",
                "rejects_input", "failed",
                "long_job", "success",
                "long_job_running", "success",
                "stop_application", "success",
                "delete_application", "success"));
        assertThat(summary.path("failures").path("rejects_input").asText())
                .as("the failed task raised the provider's waiter failure")
                .startsWith("Serverless Job failed")
                .contains("\"FAILED\"");
        assertThat(summary.path("providerErrors").toString())
                .as("with the job's state and reason, which the provider logs beside it")
                .contains("Serverless Job failed: FAILED - ")
                .contains("ValueError: the orders table has no rows for 2026-01-01");

        JsonNode jobRuns = summary.path("jobRuns");
        assertThat(jobRuns.path("word_counts").path("state").asText()).isEqualTo("SUCCESS");
        assertThat(jobRuns.path("rejects_input").path("state").asText()).isEqualTo("FAILED");
        assertThat(jobRuns.path("rejects_input").path("stateDetails").asText()).contains("ValueError: the orders table has no rows for 2026-01-01");
        assertThat(jobRuns.path("long_job").path("state").asText()).as("force_stop cancelled the running job").isEqualTo("CANCELLED");
        assertThat(summary.path("applicationState").asText()).as("GetApplication still answers after DeleteApplication").isEqualTo("TERMINATED");

        String counts = wordCounts();
        assertThat(counts).contains("{\"word\":\"runs\",\"count\":3}").contains("{\"word\":\"emrys\",\"count\":2}");
    }

    /** Runs the DAG script with Airflow's home in a fresh folder and returns the summary it prints last. */
    private JsonNode runDag()
            throws IOException, URISyntaxException
    {
        Path airflowHome = Files.createTempDirectory("emrys-airflow");
        Map<String, String> environment = Map.of(
                "AIRFLOW_HOME", airflowHome.toString(),
                "AIRFLOW__CORE__LOAD_EXAMPLES", "False",
                "AIRFLOW_CONN_EMRYS", connection(),
                "EMRYS_DAG_BUCKET", BUCKET,
                "EMRYS_DAG_ROLE", emrys.executionRoleArn(),
                // boto3 reads no profile of the machine's user: the connection carries the endpoint and the key
                "AWS_CONFIG_FILE", airflowHome.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", airflowHome.resolve("no-aws-credentials").toString());
        String python = PythonEnvironment.airflowPython();
        ChildProcess.run(List.of(python, "-m", "airflow", "db", "migrate"), environment, airflowHome, Duration.ofMinutes(3)).assertSucceeded();

        Path dag = Path.of(getClass().getResource("/airflow/emr_serverless_dag.py").toURI());
        ChildProcess run = ChildProcess.run(List.of(python, dag.toString()), environment, airflowHome, Duration.ofMinutes(12)).assertSucceeded();
        String line = run.stdout().lines().filter(text -> text.startsWith("DAG SUMMARY ")).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no summary in the DAG's output:\n" + run.stdout() + run.stderr()));
        return json.readTree(line.substring("DAG SUMMARY ".length()));
    }

    /** The Airflow connection as a user defines one for Emrys: an aws connection with the server as endpoint_url. */
    private String connection()
    {
        ObjectNode connection = json.createObjectNode()
                .put("conn_type", "aws")
                .put("login", emrys.server().accessKeys().root().accessKeyId())
                .put("password", emrys.server().accessKeys().root().secretAccessKey());
        connection.putObject("extra")
                .put("endpoint_url", emrys.apiEndpoint().toString())
                .put("region_name", "us-east-1");
        return connection.toString();
    }

    /** The JSON the succeeding job wrote (one part file: it coalesces to one partition). */
    private String wordCounts()
    {
        String part = TestingObjects.keys(s3, BUCKET, "output/word-counts/").stream()
                .filter(key -> key.contains("part-") && key.endsWith(".json"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no output under s3://" + BUCKET + "/output/word-counts/"));
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(part)).asUtf8String();
    }
}
