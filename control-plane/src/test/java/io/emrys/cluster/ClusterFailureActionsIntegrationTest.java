package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import io.emrys.testing.TestingSparkArtifacts;

import java.io.IOException;
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
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * What a failed step does to its cluster (CANCEL_AND_WAIT cancels the steps after it and waits, TERMINATE_CLUSTER
 * ends the cluster TERMINATED_WITH_ERRORS with STEP_FAILURE), a command-runner.jar {@code spark-submit} step in
 * client deploy mode with a jar from {@code s3://} and the cluster's {@code spark-defaults} Configurations (its secret in no
 * log, its secret file owner-only), a command-runner.jar command Emrys cannot run, and a cluster
 * that was live when the control plane stopped, which a restart ends TERMINATED_WITH_ERRORS; bootstrap actions from
 * {@code s3://}: one writes a file a later step reads, a failing one ends its cluster with BOOTSTRAP_FAILURE before
 * any node starts, their output under the LogUri in EMR's layout. Single-node
 * clusters (the master instance hosts the worker too), one per test.
 */
@Tag("clusters")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterFailureActionsIntegrationTest
{
    private static final String BUCKET = "failing-steps";
    private static final String JAR = "s3://" + BUCKET + "/jars/test-jobs.jar";
    private static final String MARKER_SCRIPT = "s3://" + BUCKET + "/bootstrap/marker.sh";

    private Path dataDir;
    private TestingEmrys emrys;
    private EmrClient emr;
    private software.amazon.awssdk.services.s3.S3Client s3;

    @BeforeAll
    void startServer()
            throws IOException
    {
        dataDir = Files.createTempDirectory("emrys-clusters");
        start();
        s3.createBucket(request -> request.bucket(BUCKET));
        s3.putObject(request -> request.bucket(BUCKET).key("jars/test-jobs.jar"), RequestBody.fromFile(TestingSparkArtifacts.testJobsJar()));
        // bootstrap scripts run with bash in the instance's folder; the server's AWS credentials must not reach them
        s3.putObject(request -> request.bucket(BUCKET).key("bootstrap/marker.sh"), RequestBody.fromString(String.join("\n",
                "set -eu",
                "printf 'category,amount\\n%s,42\\n' \"$2\" > \"$1\"",
                "test -z \"${AWS_SECRET_ACCESS_KEY:-}\" && test -z \"${AWS_ACCESS_KEY_ID:-}\"",
                "echo \"marker written in $PWD\"", "")));
        s3.putObject(request -> request.bucket(BUCKET).key("bootstrap/echo.sh"), RequestBody.fromString("echo \"echo says $1\"\n"));
        s3.putObject(request -> request.bucket(BUCKET).key("bootstrap/fails.sh"), RequestBody.fromString("echo boom >&2\nexit 3\n"));
    }

    @AfterAll
    void stopServer()
    {
        stop();
    }

    @Test
    void aFailedStepCancelsTheRestAndWaitsOrEndsTheClusterAsItsActionOnFailureSays()
            throws IOException
    {
        Path marker = Files.createTempDirectory("emrys-bootstrap").resolve("marker.csv");
        String clusterId = emr.runJobFlow(request -> request.name("single-node").releaseLabel("emr-spark-8.0").logUri("s3://" + BUCKET + "/logs/")
                .bootstrapActions(action -> action.name("writes the marker").scriptBootstrapAction(script -> script.path(MARKER_SCRIPT)
                        .args(marker.toString(), "bootstrapped")))
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(true).instanceGroups(
                        group -> group.instanceRole(InstanceRoleType.MASTER).instanceType("r5.xlarge").instanceCount(1)))
                .configurations(configuration -> configuration.classification("spark-defaults").properties(Map.of("spark.emrys.test.marker", "from-configurations")))
                .steps(StepConfig.builder().name("client mode").actionOnFailure(ActionOnFailure.CONTINUE).hadoopJarStep(jar -> jar.jar("command-runner.jar")
                                .args("spark-submit", "--verbose", "--deploy-mode", "client", "--master", "yarn", "--class", "io.emrys.testjobs.Trivial", JAR)).build(),
                        StepConfig.builder().name("streaming").actionOnFailure(ActionOnFailure.CANCEL_AND_WAIT).hadoopJarStep(jar -> jar.jar("command-runner.jar")
                                .args("hadoop-streaming", "-input", "s3://x/in")).build(),
                        jarStep("after the failure", ActionOnFailure.CONTINUE, "io.emrys.testjobs.Trivial"))).jobFlowId();
        List<String> first = stepIds(clusterId);

        await().atMost(Duration.ofMinutes(4)).until(() -> step(clusterId, first.get(2)).status().state() == StepState.CANCELLED
                && cluster(clusterId).status().state() == ClusterState.WAITING);
        assertThat(step(clusterId, first.get(0)).status().state()).isEqualTo(StepState.COMPLETED);
        assertThat(log("logs/" + clusterId + "/steps/" + first.get(0) + "/stdout.gz")).contains("Trivial counted");
        String verbose = log("logs/" + clusterId + "/steps/" + first.get(0) + "/stderr.gz");
        assertThat(verbose).as("spark-submit --verbose lists the cluster's spark-defaults").contains("(spark.emrys.test.marker,from-configurations)");
        assertThat(verbose).as("authenticated and encrypted RPC").contains("(spark.authenticate,true)").contains("(spark.network.crypto.enabled,true)");
        String secret = clusterSecret(clusterId);
        assertThat(verbose).as("the cluster's secret is in no log").contains("(spark.authenticate.secret,*********(redacted))").doesNotContain(secret);
        assertThat(Files.getPosixFilePermissions(dataDir.resolve("clusters").resolve(clusterId).resolve("spark-auth.properties")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ, java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Step streaming = step(clusterId, first.get(1));
        assertThat(streaming.status().state()).isEqualTo(StepState.FAILED);
        assertThat(streaming.status().failureDetails().reason()).contains("runs spark-submit only").contains("hadoop-streaming");

        String masterEc2Id = emr.listInstances(request -> request.clusterId(clusterId)).instances().get(0).ec2InstanceId();
        assertThat(log("logs/" + clusterId + "/node/" + masterEc2Id + "/bootstrap-actions/1/stdout.gz")).contains("marker written in")
                .contains("/nodes/");
        assertThat(emr.listBootstrapActions(request -> request.clusterId(clusterId)).bootstrapActions()).singleElement().satisfies(command -> {
            assertThat(command.name()).isEqualTo("writes the marker");
            assertThat(command.scriptPath()).isEqualTo(MARKER_SCRIPT);
            assertThat(command.args()).containsExactly(marker.toString(), "bootstrapped");
        });

        emr.addJobFlowSteps(request -> request.jobFlowId(clusterId).steps(jarStep("reads the marker", ActionOnFailure.CONTINUE,
                        "io.emrys.testjobs.CsvAggregateToParquet", "file://" + marker, "s3a://" + BUCKET + "/aggregated/"),
                jarStep("fails", ActionOnFailure.TERMINATE_CLUSTER, "io.emrys.testjobs.AlwaysFails"),
                jarStep("never runs", ActionOnFailure.CONTINUE, "io.emrys.testjobs.Trivial")));
        List<String> all = stepIds(clusterId);

        // three cold steps one after another (a CSV aggregation to s3a://, the failure, then the cluster's end): about
        // two minutes on a quiet machine, and more than three in a fresh-clone CI run
        await().atMost(Duration.ofMinutes(8)).until(() -> cluster(clusterId).status().state() == ClusterState.TERMINATED_WITH_ERRORS);
        Cluster ended = cluster(clusterId);
        assertThat(ended.status().stateChangeReason().codeAsString()).isEqualTo("STEP_FAILURE");
        assertThat(step(clusterId, all.get(3)).status().state()).as("the step read the file the bootstrap action wrote").isEqualTo(StepState.COMPLETED);
        assertThat(log("logs/" + clusterId + "/steps/" + all.get(3) + "/stdout.gz")).contains("CsvAggregateToParquet wrote 1 groups");
        assertThat(step(clusterId, all.get(4)).status().state()).isEqualTo(StepState.FAILED);
        assertThat(step(clusterId, all.get(5)).status().state()).isEqualTo(StepState.CANCELLED);
        assertThat(emr.listInstances(request -> request.clusterId(clusterId)).instances())
                .singleElement().satisfies(instance -> assertThat(instance.status().stateAsString()).isEqualTo("TERMINATED"));
    }

    @Test
    void aFailingBootstrapActionEndsTheClusterWithBootstrapFailureBeforeAnyNodeStartsAndItsLogsAreUnderLogUri()
            throws IOException
    {
        assertThatThrownBy(() -> emr.runJobFlow(request -> request.name("local script").releaseLabel("emr-spark-8.0")
                .bootstrapActions(action -> action.name("local").scriptBootstrapAction(script -> script.path("file:///tmp/x.sh")))
                .instances(instances -> instances.instanceGroups(group -> group.instanceRole(InstanceRoleType.MASTER).instanceType("m5.large").instanceCount(1)))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("file:///tmp/x.sh");
                });
        assertThat(emr.listClusters(request -> request.build()).clusters()).as("nothing stored").noneMatch(summary -> summary.name().equals("local script"));

        String clusterId = emr.runJobFlow(request -> request.name("bootstrap fails").releaseLabel("emr-spark-8.0").logUri("s3://" + BUCKET + "/logs/")
                .bootstrapActions(action -> action.name("succeeds").scriptBootstrapAction(script -> script.path("s3://" + BUCKET + "/bootstrap/echo.sh")
                                .args("first")),
                        action -> action.name("fails").scriptBootstrapAction(script -> script.path("s3://" + BUCKET + "/bootstrap/fails.sh")))
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(true).instanceGroups(
                        group -> group.instanceRole(InstanceRoleType.MASTER).instanceType("m5.large").instanceCount(1)))).jobFlowId();

        await().atMost(Duration.ofMinutes(2)).until(() -> cluster(clusterId).status().state() == ClusterState.TERMINATED_WITH_ERRORS);
        Cluster ended = cluster(clusterId);
        Instance master = emr.listInstances(request -> request.clusterId(clusterId)).instances().get(0);
        assertThat(ended.status().stateChangeReason().codeAsString()).isEqualTo("BOOTSTRAP_FAILURE");
        assertThat(ended.status().stateChangeReason().message())
                .isEqualTo("On the master instance (%s), bootstrap action 2 returned a non-zero return code".formatted(master.ec2InstanceId()));
        assertThat(master.status().stateAsString()).isEqualTo("TERMINATED");
        assertThat(master.status().stateChangeReason().codeAsString()).isEqualTo("BOOTSTRAP_FAILURE");
        String node = "logs/" + clusterId + "/node/" + master.ec2InstanceId() + "/bootstrap-actions/";
        assertThat(log(node + "1/stdout.gz")).contains("echo says first");
        assertThat(log(node + "2/stderr.gz")).contains("boom");
        assertThat(dataDir.resolve("clusters").resolve(clusterId).resolve("nodes").resolve(master.id()).resolve("stderr"))
                .as("the master's process was never started").doesNotExist();
    }

    @Test
    void aClusterLiveWhenTheControlPlaneStopsEndsTerminatedWithErrorsAfterARestart()
    {
        String clusterId = emr.runJobFlow(request -> request.name("outlived").releaseLabel("emr-spark-8.0")
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(true).instanceGroups(
                        group -> group.instanceRole(InstanceRoleType.MASTER).instanceType("m5.large").instanceCount(1)))
                .steps(jarStep("pending", ActionOnFailure.CONTINUE, "io.emrys.testjobs.SleepThenCount", "600"))).jobFlowId();
        await().atMost(Duration.ofMinutes(3)).until(() -> cluster(clusterId).status().state() == ClusterState.RUNNING);

        stop();
        start();

        Cluster cluster = cluster(clusterId);
        assertThat(cluster.status().state()).isEqualTo(ClusterState.TERMINATED_WITH_ERRORS);
        assertThat(cluster.status().stateChangeReason().codeAsString()).isEqualTo("INTERNAL_ERROR");
        assertThat(cluster.status().stateChangeReason().message()).contains("control plane stopped");
        assertThat(emr.listSteps(request -> request.clusterId(clusterId)).steps()).extracting(StepSummary::status)
                .allSatisfy(status -> assertThat(status.state()).isEqualTo(StepState.CANCELLED));
        assertThat(ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("").contains(clusterId)))
                .as("none of its processes is left").isEmpty();
    }

    private String clusterSecret(String clusterId)
            throws IOException
    {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader reader = Files.newBufferedReader(dataDir.resolve("clusters").resolve(clusterId).resolve("spark-auth.properties"))) {
            properties.load(reader);
        }
        String secret = properties.getProperty("spark.authenticate.secret");
        assertThat(secret).matches("[0-9a-f]{64}");
        return secret;
    }

    private void start()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withDataDir(dataDir));
        emr = emrys.emrClient();
        s3 = emrys.s3Client();
    }

    private void stop()
    {
        s3.close();
        emr.close();
        emrys.close();
    }

    private static StepConfig jarStep(String name, ActionOnFailure action, String mainClass, String... args)
    {
        return StepConfig.builder().name(name).actionOnFailure(action).hadoopJarStep(jar -> jar.jar(JAR).mainClass(mainClass).args(args)).build();
    }

    /** Oldest first. */
    private List<String> stepIds(String clusterId)
    {
        List<String> ids = new java.util.ArrayList<>(emr.listSteps(request -> request.clusterId(clusterId)).steps().stream().map(StepSummary::id).toList());
        java.util.Collections.reverse(ids);
        return ids;
    }

    private Cluster cluster(String clusterId)
    {
        return emr.describeCluster(request -> request.clusterId(clusterId)).cluster();
    }

    private Step step(String clusterId, String stepId)
    {
        return emr.describeStep(request -> request.clusterId(clusterId).stepId(stepId)).step();
    }

    private String log(String key)
            throws IOException
    {
        return TestingObjects.gunzip(s3, BUCKET, key);
    }
}
