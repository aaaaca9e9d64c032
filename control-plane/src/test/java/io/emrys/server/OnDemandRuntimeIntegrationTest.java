package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.compute.runtime.ReleasePins;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.Application;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A release label the build does not prebuild, through the AWS SDK and the real server: its runtime is assembled the
 * first time an application names it (CREATING, then CREATED) and runs the label's exact Spark; a label whose
 * artifacts cannot be resolved ends TERMINATED naming the artifact. Downloads from Maven Central on a first run, so
 * it runs in the {@code runtime-assembly} profile (which {@code ./emrys test} runs too).
 */
@Tag("runtime-assembly")
@Timeout(1800)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnDemandRuntimeIntegrationTest
{
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;
    private static final String BUCKET = "on-demand";

    private TestingEmrys emrys;
    private EmrServerlessClient client;
    private S3Client s3;

    @BeforeAll
    void startServer()
    {
        // the pin the issue names: emr-7.13.0's own 3.5.6 lacks a Connect server on this machine's Maven mirror
        emrys = new TestingEmrys(TestingClock.followingSystemTime(),
                config -> config.withRuntimes(ReleasePins.parse(List.of("emr-7.13.0=3.5.7")), false));
        role = emrys.executionRoleArn();
        client = emrys.serverlessClient();
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        TestingObjects.uploadTestJobs(s3, BUCKET);
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        s3.close();
        emrys.close();
    }

    @Test
    void aLabelNotPrebuiltIsAssembledWhileCreatingThenRunsItsOwnSpark()
    {
        String applicationId = client.createApplication(request -> request.name("seven-thirteen").releaseLabel("emr-7.13.0").type("SPARK")).applicationId();
        assertThat(state(applicationId).state()).as("the runtime of Spark 3.5.7 is not prebuilt").isEqualTo(ApplicationState.CREATING);

        await().atMost(Duration.ofMinutes(25)).pollInterval(Duration.ofSeconds(1)).until(() -> state(applicationId).state() != ApplicationState.CREATING);
        Application created = state(applicationId);
        assertThat(created.state()).as(created.stateDetails()).isEqualTo(ApplicationState.CREATED);
        assertThat(created.stateDetails()).contains("pinned").contains("3.5.7");
        assertThat(emrys.dataDir().resolve("runtimes/spark-3.5.7/jars/spark-core_2.12-3.5.7.jar")).exists();

        String jobRunId = client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit.entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar")
                        .sparkSubmitParameters("--class io.emrys.testjobs.Trivial --driver-memory 1g")))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(logs -> logs.logUri("s3://" + BUCKET + "/logs/"))))).jobRunId();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> client.getJobRun(request -> request
                .applicationId(applicationId).jobRunId(jobRunId)).jobRun().state().toString().matches("SUCCESS|FAILED|CANCELLED"));
        var run = client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        String stderr = gunzip("logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_DRIVER/stderr.gz");
        assertThat(stderr).as("the pinned Spark for emr-7.13.0").contains("Running Spark version 3.5.7");
    }

    @Test
    void aLabelWhoseArtifactsCannotBeResolvedEndsTerminatedNamingTheArtifact()
    {
        // emr-7.11.0 ships Spark 3.5.6, whose spark-connect_2.12 this machine's Maven mirror does not serve
        String applicationId = client.createApplication(request -> request.name("seven-eleven").releaseLabel("emr-7.11.0").type("SPARK")).applicationId();

        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> state(applicationId).state() != ApplicationState.CREATING);
        Application ended = state(applicationId);

        assertThat(ended.state()).isEqualTo(ApplicationState.TERMINATED);
        assertThat(ended.stateDetails()).contains("emr-7.11.0").contains("spark-connect_2.12").contains("3.5.6");
    }

    private Application state(String applicationId)
    {
        return client.getApplication(request -> request.applicationId(applicationId)).application();
    }

    private String gunzip(String key)
    {
        return TestingObjects.gunzip(s3, BUCKET, key);
    }
}
