package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.compute.runtime.ReleasePins;
import io.emrys.testing.ClientProcess;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The seeds' first code sample, boto3's {@code run_job_flow} as quoted in issue 13 (release {@code emr-7.2.0},
 * Spark and Hive, a master, two core and SPOT task instances, {@code KeepJobFlowAliveWhenNoSteps=False}, a
 * {@code command-runner.jar spark-submit --deploy-mode cluster s3://.../etl.py} step with TERMINATE_CLUSTER),
 * against the real server on a real Spark standalone cluster, waited for with botocore's own waiters.
 * {@code emr-7.2.0} ships Spark 3.5.1 on AWS; this server pins it to the Spark 3.5.5 runtime it has.
 */
@Tag("clusters")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterSeedFlowIntegrationTest
{
    private static final String BUCKET = "seed-bucket";

    private TestingEmrys emrys;
    private S3Client s3;

    @BeforeAll
    void startServer()
            throws IOException
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(),
                config -> config.withRuntimes(ReleasePins.parse(List.of("emr-7.2.0=3.5.5")), config.offline()));
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        try (InputStream in = getClass().getResourceAsStream("/pyjobs/etl.py")) {
            s3.putObject(request -> request.bucket(BUCKET).key("jobs/etl.py"), RequestBody.fromBytes(in.readAllBytes()));
        }
        s3.putObject(request -> request.bucket(BUCKET).key("input/sales.csv"),
                RequestBody.fromString("category,amount\nbooks,10\ngames,5\nbooks,7\nmusic,3\n", StandardCharsets.UTF_8));
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
    void theSeedsRunJobFlowRunsItsPySparkStepOnAStandaloneClusterAndTerminatesWithAllStepsCompleted()
            throws Exception
    {
        Path script = Path.of(getClass().getResource("/clients/boto3_run_job_flow.py").toURI());
        Map<String, String> environment = ClientProcess.environment("unused", "unused", emrys.dataDir());
        environment.remove("AWS_ACCESS_KEY_ID");
        environment.remove("AWS_SECRET_ACCESS_KEY");
        environment.put("AWS_CONFIG_FILE", emrys.server().awsConfigFile().toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", emrys.server().awsCredentialsFile().toString());

        ClientProcess.Result result = ClientProcess.run(List.of(PythonEnvironment.python(), script.toString(), BUCKET, "emr-7.2.0", "2"), environment,
                Duration.ofMinutes(12));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        JsonNode flow = new ObjectMapper().readTree(result.stdout().lines().reduce((first, last) -> last).orElseThrow());
        String clusterId = flow.path("response").path("JobFlowId").asText();
        assertThat(clusterId).matches("j-[0-9A-Z]{13}");
        assertThat(flow.path("response").path("ClusterArn").asText()).endsWith(":cluster/" + clusterId).startsWith("arn:aws:elasticmapreduce:us-east-1:");

        JsonNode step = flow.path("step");
        String stepLog = log(clusterId, step.path("Id").asText(), "stdout.gz");
        assertThat(step.path("Status").path("State").asText()).as(stepLog + log(clusterId, step.path("Id").asText(), "stderr.gz")).isEqualTo("COMPLETED");
        assertThat(step.path("Id").asText()).matches("s-[0-9A-Z]{13}");
        assertThat(stepLog).as("the driver ran against the cluster's standalone master, with an executor on each worker")
                .contains("etl: master=spark://127.0.0.1:")
                .contains("executors=4")
                .contains("rows=[('books', 17), ('games', 5), ('music', 3)]");
        assertThat(output()).isEqualTo("category,total\nbooks,17\ngames,5\nmusic,3\n");

        JsonNode cluster = flow.path("cluster");
        assertThat(cluster.path("Status").path("State").asText()).isEqualTo("TERMINATED");
        assertThat(cluster.path("Status").path("StateChangeReason").path("Code").asText()).isEqualTo("ALL_STEPS_COMPLETED");
        assertThat(cluster.path("ReleaseLabel").asText()).isEqualTo("emr-7.2.0");
        assertThat(cluster.path("AutoTerminate").asBoolean()).isTrue();
        List<String> applications = new ArrayList<>();
        cluster.path("Applications").forEach(application -> applications.add(application.path("Name").asText() + " " + application.path("Version").asText()));
        assertThat(applications).as("Hive is the metastore client Spark 3.5 embeds").containsExactly("Spark 3.5.5", "Hive 2.3.9");
        assertThat(cluster.path("Tags").get(0).path("Key").asText()).isEqualTo("team");
        assertThat(cluster.path("NormalizedInstanceHours").asInt()).as("1 h each: m6g.xlarge 8, two r5d.2xlarge 16, two m5.xlarge 8").isEqualTo(8 + 32 + 16);
        assertThat(flow.path("terminated").toString()).contains(clusterId);

        List<String> groups = new ArrayList<>();
        flow.path("groups").forEach(group -> groups.add(group.path("InstanceGroupType").asText() + " " + group.path("Market").asText() + " "
                + group.path("InstanceType").asText() + " x" + group.path("RequestedInstanceCount").asInt() + " " + group.path("Status").path("State").asText()));
        assertThat(groups).containsExactly("MASTER ON_DEMAND m6g.xlarge x1 TERMINATED", "CORE ON_DEMAND r5d.2xlarge x2 TERMINATED",
                "TASK SPOT m5.xlarge x2 TERMINATED");
        assertThat(flow.path("instances")).hasSize(5);
        flow.path("instances").forEach(instance -> {
            assertThat(instance.path("Id").asText()).matches("ci-[0-9A-Z]{13}");
            assertThat(instance.path("Status").path("State").asText()).isEqualTo("TERMINATED");
            assertThat(instance.path("Status").path("StateChangeReason").path("Code").asText()).isEqualTo("CLUSTER_TERMINATED");
            assertThat(instance.path("Status").path("Timeline").has("ReadyDateTime")).as("it ran").isTrue();
        });
        assertThat(ProcessHandle.current().descendants().filter(process -> process.info().commandLine().orElse("").contains(clusterId)))
                .as("no process of the cluster is left").isEmpty();
    }

    private String output()
    {
        List<S3Object> parts = s3.listObjectsV2(request -> request.bucket(BUCKET).prefix("output/")).contents().stream()
                .filter(object -> object.key().endsWith(".csv")).toList();
        assertThat(parts).hasSize(1);
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(parts.get(0).key())).asUtf8String();
    }

    private String log(String clusterId, String stepId, String file)
            throws IOException
    {
        return TestingObjects.gunzip(s3, BUCKET, "emr-logs/" + clusterId + "/steps/" + stepId + "/" + file);
    }
}
