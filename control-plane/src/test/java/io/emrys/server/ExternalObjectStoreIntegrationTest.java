package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.common.AccessKeyGenerator;
import io.emrys.common.Credential;
import io.emrys.objectstore.EmbeddedObjectStore;
import io.emrys.objectstore.S3Clients;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingSparkArtifacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Emrys configured with another S3-compatible endpoint (here a separate store with its own keys) instead of its
 * embedded one: drivers read the job's jar and the control plane writes the logs there.
 */
@Timeout(300)
class ExternalObjectStoreIntegrationTest
{
    @TempDir
    Path externalData;

    @Test
    void jobRunsAgainstAConfiguredS3Endpoint()
            throws Exception
    {
        Credential externalKey = new AccessKeyGenerator().newCredential("210987654321", "arn:aws:iam::210987654321:root");
        try (EmbeddedObjectStore external = new EmbeddedObjectStore(externalData, 0, externalKey)) {
            external.start();
            try (S3Client s3 = S3Clients.create(external.settings())) {
                s3.createBucket(request -> request.bucket("external"));
                s3.putObject(request -> request.bucket("external").key("jobs.jar"), RequestBody.fromFile(TestingSparkArtifacts.testJobsJar()));

                try (TestingEmrys emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withExternalObjectStore(external.settings()));
                        EmrServerlessClient client = emrys.serverlessClient()) {
                    assertThat(Files.exists(emrys.dataDir().resolve("s3"))).as("no embedded store started").isFalse();
                    assertThat(Files.readString(emrys.server().awsConfigFile(), StandardCharsets.UTF_8)).doesNotContain("s3 =\n  endpoint_url");

                    String applicationId = client.createApplication(request -> request.releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();
                    String jobRunId = client.startJobRun(request -> request
                            .applicationId(applicationId)
                            .executionRoleArn(emrys.executionRoleArn())
                            .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                                    .entryPoint("s3://external/jobs.jar")
                                    .sparkSubmitParameters("--class io.emrys.testjobs.Trivial --driver-memory 1g")))
                            .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                                    .s3MonitoringConfiguration(logs -> logs.logUri("s3://external/logs"))))).jobRunId();

                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> client
                            .getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state().toString().matches("SUCCESS|FAILED|CANCELLED"));
                    assertThat(client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state()).isEqualTo(JobRunState.SUCCESS);
                    assertThat(s3.listObjectsV2Paginator(request -> request.bucket("external").prefix("logs/")).contents().stream().map(S3Object::key))
                            .contains("logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_DRIVER/stderr.gz");
                }
            }
        }
    }
}
