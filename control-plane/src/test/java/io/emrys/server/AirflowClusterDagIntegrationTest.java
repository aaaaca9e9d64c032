package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.compute.runtime.ReleasePins;
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
 * Airflow's Amazon provider drives an EMR cluster on Emrys: {@code airflow/emr_cluster_dag.py}, a DAG of the
 * provider's EmrCreateJobFlowOperator, EmrJobFlowSensor, EmrAddStepsOperator, EmrStepSensor and
 * EmrTerminateJobFlowOperator, run once with {@code dag.test()} from {@code .venv-airflow} against the real server,
 * on one real Spark standalone cluster (a master, a core and a SPOT task instance). {@code emr-7.2.0} is pinned to
 * the Spark 3.5.5 runtime, as in ClusterSeedFlowIntegrationTest. Runs only in the {@code airflow} profile.
 */
@Tag("airflow")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowClusterDagIntegrationTest
{
    private static final String BUCKET = "airflow-cluster-dag";
    private static final String REJECTION = "ValueError: the orders table has no rows for 2026-01-01";

    private final ObjectMapper json = new ObjectMapper();
    private TestingEmrys emrys;
    private S3Client s3;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(),
                config -> config.withRuntimes(ReleasePins.parse(List.of("emr-7.2.0=3.5.5")), config.offline()));
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        TestingObjects.uploadResources(s3, BUCKET, "code/", "/airflow/jobs", List.of("word_counts.py", "rejects_input.py"));
    }

    @AfterAll
    void stopServer()
    {
        if (s3 != null) {
            s3.close();
        }
        if (emrys != null) {
            emrys.close();
        }
    }

    @Test
    void theProvidersClusterOperatorsStartAClusterRunAStepSeeAFailingOneAndTerminateIt()
            throws IOException, URISyntaxException
    {
        DagRun run = runDag();
        JsonNode summary = run.summary();

        assertThat(json.convertValue(summary.path("tasks"), Map.class)).as(summary.toString()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "create_cluster", "success",
                "cluster_waiting", "success",
                "word_counts", "success",
                "word_counts_completed", "success",
                "rejects_input", "success",
                "rejects_input_completed", "failed",
                "terminate_cluster", "success",
                "cluster_terminated", "success"));
        assertThat(summary.path("failures").path("rejects_input_completed").asText())
                .as("the step sensor raised with the step's FailureDetails")
                .startsWith("EMR job failed: for reason " + REJECTION)
                .contains("with message Step failed with exit code")
                .contains("log file s3://" + BUCKET + "/emr-logs/");
        assertThat(run.output()).as("the task's log shows the reason").contains("EMR job failed: for reason " + REJECTION);

        String clusterId = summary.path("clusterId").asText();
        assertThat(clusterId).matches("j-[0-9A-Z]{13}");
        assertThat(summary.path("clusterStatus").path("state").asText()).isEqualTo("TERMINATED");
        assertThat(summary.path("clusterStatus").path("reason").path("Code").asText()).isEqualTo("USER_REQUEST");
        assertThat(summary.path("steps").path("word_counts").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(summary.path("steps").path("rejects_input").path("state").asText()).isEqualTo("FAILED");
        assertThat(summary.path("steps").path("rejects_input").path("failureDetails").path("Reason").asText()).isEqualTo(REJECTION);

        JsonNode jobFlow = summary.path("jobFlow");
        assertThat(jobFlow.path("JobFlowId").asText()).isEqualTo(clusterId);
        assertThat(jobFlow.path("ExecutionStatusDetail").path("State").asText()).isEqualTo("TERMINATED");
        assertThat(jobFlow.path("Instances").path("MasterInstanceType").asText()).isEqualTo("m5.xlarge");
        assertThat(jobFlow.path("Instances").path("InstanceCount").asInt()).isEqualTo(3);
        assertThat(jobFlow.path("Instances").path("KeepJobFlowAliveWhenNoSteps").asBoolean()).isTrue();
        assertThat(jobFlow.path("Instances").path("InstanceGroups").findValuesAsText("State")).containsExactly("ENDED", "ENDED", "ENDED");
        assertThat(jobFlow.path("Instances").path("InstanceGroups").findValuesAsText("Market")).containsExactly("ON_DEMAND", "ON_DEMAND", "SPOT");
        assertThat(jobFlow.path("Steps").findValuesAsText("State")).containsExactly("COMPLETED", "FAILED");
        assertThat(jobFlow.path("Steps").get(1).path("ExecutionStatusDetail").path("LastStateChangeReason").asText()).isEqualTo(REJECTION);

        assertThat(wordCounts()).contains("{\"word\":\"runs\",\"count\":3}").contains("{\"word\":\"emrys\",\"count\":2}");
        assertThat(ProcessHandle.current().descendants().filter(process -> process.info().commandLine().orElse("").contains(clusterId)))
                .as("no process of the cluster is left").isEmpty();
    }

    private record DagRun(JsonNode summary, String output) {}

    /** Runs the DAG script with Airflow's home in a fresh folder; returns the summary it prints last and all it printed. */
    private DagRun runDag()
            throws IOException, URISyntaxException
    {
        Path airflowHome = Files.createTempDirectory("emrys-airflow");
        Map<String, String> environment = Map.of(
                "AIRFLOW_HOME", airflowHome.toString(),
                "AIRFLOW__CORE__LOAD_EXAMPLES", "False",
                "AIRFLOW_CONN_EMRYS", connection(),
                "EMRYS_DAG_BUCKET", BUCKET,
                // boto3 reads no profile of the machine's user: the connection carries the endpoint and the key
                "AWS_CONFIG_FILE", airflowHome.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", airflowHome.resolve("no-aws-credentials").toString());
        String python = PythonEnvironment.airflowPython();
        ChildProcess.run(List.of(python, "-m", "airflow", "db", "migrate"), environment, airflowHome, Duration.ofMinutes(3)).assertSucceeded();

        Path dag = Path.of(getClass().getResource("/airflow/emr_cluster_dag.py").toURI());
        ChildProcess run = ChildProcess.run(List.of(python, dag.toString()), environment, airflowHome, Duration.ofMinutes(12)).assertSucceeded();
        String line = run.stdout().lines().filter(text -> text.startsWith("DAG SUMMARY ")).reduce((first, last) -> last)
                .orElseThrow(() -> new AssertionError("no summary in the DAG's output:\n" + run.stdout() + run.stderr()));
        return new DagRun(json.readTree(line.substring("DAG SUMMARY ".length())), run.stdout() + run.stderr());
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

    /** The JSON the word-count step wrote (one part file: it coalesces to one partition). */
    private String wordCounts()
    {
        String part = TestingObjects.keys(s3, BUCKET, "output/word-counts/").stream()
                .filter(key -> key.contains("part-") && key.endsWith(".json"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no output under s3://" + BUCKET + "/output/word-counts/"));
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(part)).asUtf8String();
    }
}
