package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.compute.runtime.ReleasePins;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.Configuration;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A cluster with Applications Spark and Hive, driven by the AWS SDK for Java v2's EmrClient: its first step (a
 * {@code command-runner.jar spark-submit} of a {@code .py} from {@code s3://}) writes a Hive table, the second reads
 * it back by name from the cluster's metastore and writes the totals to {@code s3://}; a spark-env export reaches
 * the drivers and executors, a spark-hive-site property the Hive client's configuration. One cluster (a master and
 * one core instance) per Spark line: {@code emr-7.2.0} pinned to the 3.5.5 runtime, and {@code emr-spark-8.0} (4.0.1).
 */
@Tag("clusters")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterHiveIntegrationTest
{
    private static final String BUCKET = "hive-cluster";

    private TestingEmrys emrys;
    private EmrClient emr;
    private S3Client s3;

    @BeforeAll
    void startServer()
            throws IOException
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(),
                config -> config.withRuntimes(ReleasePins.parse(List.of("emr-7.2.0=3.5.5")), config.offline()));
        emr = emrys.emrClient();
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        for (String job : List.of("hive_write.py", "hive_read.py")) {
            try (InputStream in = getClass().getResourceAsStream("/pyjobs/" + job)) {
                s3.putObject(request -> request.bucket(BUCKET).key("jobs/" + job), RequestBody.fromBytes(in.readAllBytes()));
            }
        }
    }

    @AfterAll
    void stopServer()
    {
        emr.close();
        s3.close();
        emrys.close();
    }

    @Test
    void aHiveClustersStepsShareItsMetastoreOnSpark35()
            throws IOException
    {
        runHiveCluster("emr-7.2.0", "3.5.5", "2.3.9");
    }

    @Test
    void aHiveClustersStepsShareItsMetastoreOnSpark40()
            throws IOException
    {
        runHiveCluster("emr-spark-8.0", "4.0.1", "2.3.10");
    }

    private void runHiveCluster(String releaseLabel, String sparkVersion, String hiveVersion)
            throws IOException
    {
        String output = "s3://" + BUCKET + "/" + releaseLabel + "/totals/";
        List<Configuration> configurations = List.of(
                Configuration.builder().classification("spark-env").configurations(Configuration.builder().classification("export")
                        .properties(Map.of("EMRYS_GREETING", "hello-from-spark-env")).build()).build(),
                Configuration.builder().classification("spark-hive-site").properties(Map.of("hive.exec.dynamic.partition.mode", "nonstrict")).build(),
                Configuration.builder().classification("spark-defaults").properties(Map.of("spark.sql.shuffle.partitions", "2")).build());
        String clusterId = emr.runJobFlow(request -> request.name("hive-" + releaseLabel).releaseLabel(releaseLabel).logUri("s3://" + BUCKET + "/logs/")
                .applications(Application.builder().name("Spark").build(), Application.builder().name("hive").build())
                .configurations(configurations)
                .steps(step("write", "s3://" + BUCKET + "/jobs/hive_write.py"), step("read", "s3://" + BUCKET + "/jobs/hive_read.py", output))
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(false).instanceGroups(
                        group -> group.name("Master").instanceRole(InstanceRoleType.MASTER).instanceType("m5.xlarge").instanceCount(1),
                        group -> group.name("Core").instanceRole(InstanceRoleType.CORE).instanceType("m5.xlarge").instanceCount(1)))).jobFlowId();

        await().atMost(Duration.ofMinutes(12)).pollInterval(Duration.ofSeconds(2))
                .until(() -> cluster(clusterId).status().stateAsString().startsWith("TERMINATED"));

        // ListSteps is newest first
        List<Step> steps = new java.util.ArrayList<>(emr.listSteps(request -> request.clusterId(clusterId)).steps().stream()
                .map(summary -> emr.describeStep(request -> request.clusterId(clusterId).stepId(summary.id())).step()).toList());
        java.util.Collections.reverse(steps);
        assertThat(steps).hasSize(2);
        String written = log(clusterId, steps.get(0), "stdout.gz");
        String read = log(clusterId, steps.get(1), "stdout.gz");
        assertThat(steps).as(written + log(clusterId, steps.get(0), "stderr.gz") + read + log(clusterId, steps.get(1), "stderr.gz"))
                .extracting(Step::status).allSatisfy(status -> assertThat(status.state()).isEqualTo(StepState.COMPLETED));
        assertThat(written).as("the Hive catalog without enableHiveSupport(); the export on the driver and on an executor")
                .contains("hive-write: catalog=hive driver_env=hello-from-spark-env executor_env=['hello-from-spark-env']");
        assertThat(read).as("the second step's own driver found the first step's table in the cluster's metastore")
                .contains("hive-read: tables=['orders'] partition_mode=nonstrict");
        assertThat(csv(releaseLabel + "/totals/")).isEqualTo("category,total\nbooks,17\ngames,5\nmusic,3\n");

        Cluster cluster = cluster(clusterId);
        assertThat(cluster.status().stateChangeReason().codeAsString()).isEqualTo("ALL_STEPS_COMPLETED");
        assertThat(cluster.applications()).extracting(application -> application.name() + " " + application.version())
                .as("Hive is the metastore client this Spark embeds, not AWS's Hive 3.1.3").containsExactly("Spark " + sparkVersion, "hive " + hiveVersion);
        assertThat(cluster.configurations()).as("as given").isEqualTo(configurations);

        Path hive = emrys.dataDir().resolve("clusters").resolve(clusterId).resolve("hive");
        assertThat(hive.resolve("metastore_db")).isDirectory();
        assertThat(hive.resolve("warehouse").resolve("sales.db").resolve("orders")).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hive))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.walk(emrys.dataDir().resolve("clusters").resolve(clusterId).resolve("steps"))) {
            assertThat(files.map(file -> file.getFileName().toString())).as("Derby keeps out of the steps' folders")
                    .doesNotContain("metastore_db", "derby.log", "spark-warehouse");
        }
    }

    private static StepConfig step(String name, String script, String... args)
    {
        List<String> command = new java.util.ArrayList<>(List.of("spark-submit", "--deploy-mode", "cluster", script));
        command.addAll(List.of(args));
        return StepConfig.builder().name(name).actionOnFailure(ActionOnFailure.TERMINATE_CLUSTER)
                .hadoopJarStep(jar -> jar.jar("command-runner.jar").args(command)).build();
    }

    private Cluster cluster(String clusterId)
    {
        return emr.describeCluster(request -> request.clusterId(clusterId)).cluster();
    }

    private String csv(String prefix)
    {
        List<S3Object> parts = s3.listObjectsV2(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream()
                .filter(object -> object.key().endsWith(".csv")).toList();
        assertThat(parts).hasSize(1);
        return s3.getObjectAsBytes(request -> request.bucket(BUCKET).key(parts.get(0).key())).asUtf8String();
    }

    private String log(String clusterId, Step step, String file)
            throws IOException
    {
        return TestingObjects.gunzip(s3, BUCKET, "logs/" + clusterId + "/steps/" + step.id() + "/" + file);
    }
}
