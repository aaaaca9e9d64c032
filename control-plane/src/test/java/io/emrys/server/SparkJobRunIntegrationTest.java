package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.emrys.metering.Meter;
import io.emrys.metering.ResourceUsage;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRecord;
import io.emrys.store.Database;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.JobRunSummary;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Job runs on real Spark drivers through the AWS SDK for Java v2: reading and writing {@code s3://} in the
 * embedded object store, failure reasons, cancel and execution timeout. One server for the class; four driver
 * JVMs in all, because each costs seconds on a small machine.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkJobRunIntegrationTest
{
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;
    private static final String BUCKET = "spark-jobs";

    private final TestingClock clock = TestingClock.followingSystemTime();
    private TestingEmrys emrys;
    private EmrServerlessClient client;
    private S3Client s3;
    private String applicationId;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(clock);
        role = emrys.executionRoleArn();
        client = emrys.serverlessClient();
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        TestingObjects.uploadTestJobs(s3, BUCKET);
        applicationId = client.createApplication(request -> request.name("spark").releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        s3.close();
        emrys.close();
    }

    @Test
    void csvOnS3IsAggregatedToParquetOnS3WithLogsAndMetering()
    {
        s3.putObject(request -> request.bucket(BUCKET).key("input/sales.csv"),
                RequestBody.fromString("category,amount\nbooks,10\ngames,5\nbooks,7\n", StandardCharsets.UTF_8));

        String jobRunId = client.startJobRun(request -> request
                .applicationId(applicationId)
                .executionRoleArn(role)
                .name("csv-to-parquet")
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar")
                        .entryPointArguments("s3://" + BUCKET + "/input/", "s3a://" + BUCKET + "/output/by-category/")
                        .sparkSubmitParameters("--class io.emrys.testjobs.CsvAggregateToParquet --driver-memory 1g --conf spark.sql.shuffle.partitions=2")))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(logs -> logs.logUri("s3://" + BUCKET + "/logs/"))))).jobRunId();
        assertThat(client.getApplication(request -> request.applicationId(applicationId)).application().state())
                .as("submitting a job auto-starts the application")
                .isIn(ApplicationState.STARTING, ApplicationState.STARTED);

        JobRun run = awaitTerminal(jobRunId);

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        assertThat(keys("output/by-category/")).contains("output/by-category/_SUCCESS")
                .anyMatch(key -> key.endsWith(".parquet"));
        String successMarker = s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("output/by-category/_SUCCESS")).asUtf8String();
        assertThat(successMarker).as("the S3A magic committer writes a JSON manifest as _SUCCESS").contains("\"committer\"").contains("magic");
        String logs = "logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_DRIVER/";
        assertThat(keys(logs)).contains(logs + "stdout.gz", logs + "stderr.gz");
        String executorLogs = "logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_EXECUTOR/";
        assertThat(keys(executorLogs)).as("executor logs in the EMR layout").anyMatch(key -> key.endsWith("/stderr.gz"));

        assertThat(run.totalExecutionDurationSeconds()).isPositive();
        assertThat(run.totalResourceUtilization().vcpuHour()).isPositive();
        assertThat(run.totalResourceUtilization().memoryGBHour()).isPositive();
        assertThat(run.billedResourceUtilization().vcpuHour()).isGreaterThanOrEqualTo(run.totalResourceUtilization().vcpuHour());
        List<WorkerRecord> workers = Database.openSqlite(emrys.dataDir().resolve("emrys.db")).jdbi()
                .withHandle(handle -> new WorkerDao().forRun(handle, jobRunId));
        assertThat(workers).as("the driver and its executors, each a JVM of its own")
                .filteredOn(worker -> worker.type() == io.emrys.common.WorkerType.DRIVER).hasSize(1);
        assertThat(workers).filteredOn(worker -> worker.type() == io.emrys.common.WorkerType.EXECUTOR).isNotEmpty();
        assertThat(workers).allSatisfy(worker -> assertThat(worker.stoppedAt()).isPresent());
        ResourceUsage expected = Meter.total(workers, Instant.now());
        assertThat(run.totalResourceUtilization().vcpuHour()).isCloseTo(expected.vcpuHours(), within(1e-5));
        assertThat(run.totalResourceUtilization().memoryGBHour()).isCloseTo(expected.memoryGbHours(), within(1e-5));
        assertThat(run.billedResourceUtilization().vcpuHour()).isCloseTo(Meter.billed(workers, Instant.now()).vcpuHours(), within(1e-5));

        String dashboard = client.getDashboardForJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).url();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(browse(dashboard)).as("the Spark History Server view of the ended run").contains("Spark Jobs").contains("app-"));

        assertThat(client.listJobRuns(request -> request.applicationId(applicationId).states(JobRunState.SUCCESS)).jobRuns())
                .extracting(JobRunSummary::id).contains(jobRunId);
        assertThat(client.listJobRunAttempts(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRunAttempts())
                .singleElement().satisfies(attempt -> assertThat(attempt.attempt()).isEqualTo(1));
    }

    @Test
    void failingJobEndsFailedWithTheDriversError()
    {
        String jobRunId = submit("--class io.emrys.testjobs.AlwaysFails --driver-memory 1g", List.of(), null);

        JobRun run = awaitTerminal(jobRunId);

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).contains("exited with code").contains("AlwaysFails failed on purpose");
    }

    @Test
    void missingEntryPointFailsFastWithAClearReason()
    {
        String jobRunId = client.startJobRun(request -> request
                .applicationId(applicationId)
                .executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit.entryPoint("/nonexistent/job.jar")))).jobRunId();

        JobRun run = awaitTerminal(jobRunId);

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).contains("/nonexistent/job.jar");
    }

    @Test
    void cancelStopsARunningDriver()
    {
        String jobRunId = submit("--class io.emrys.testjobs.SleepThenCount --driver-memory 1g", List.of("300"), null);
        awaitState(jobRunId, JobRunState.RUNNING);

        String dashboard = client.getDashboardForJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).url();
        assertThat(dashboard).startsWith(emrys.apiEndpoint().toString() + "/dashboard/");
        // RUNNING comes when the driver process is up; its SparkContext (and UI) may take minutes more on a loaded machine
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(browse(dashboard)).as("the live Spark UI through Emrys").contains("Spark Jobs"));

        // AWS takes 0 or 15 to 1800 seconds; a refused cancel leaves the run running
        assertThatThrownBy(() -> client.cancelJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId).shutdownGracePeriodInSeconds(5)))
                .isInstanceOf(ValidationException.class);
        assertThat(getJobRun(jobRunId).state()).isEqualTo(JobRunState.RUNNING);
        client.cancelJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId).shutdownGracePeriodInSeconds(15));

        JobRun run = awaitTerminal(jobRunId);
        assertThat(run.state()).isEqualTo(JobRunState.CANCELLED);
    }

    @Test
    void executionTimeoutCancelsAnOverrunningRun()
    {
        String jobRunId = submit("--class io.emrys.testjobs.SleepThenCount --driver-memory 1g", List.of("300"), 5L);
        awaitState(jobRunId, JobRunState.RUNNING);

        clock.advance(Duration.ofMinutes(6));
        emrys.server().housekeep();

        JobRun run = awaitTerminal(jobRunId);
        assertThat(run.state()).isEqualTo(JobRunState.CANCELLED);
        assertThat(run.stateDetails()).contains("executionTimeoutMinutes of 5 minutes");
    }

    private String submit(String parameters, List<String> arguments, Long timeoutMinutes)
    {
        return client.startJobRun(request -> request
                .applicationId(applicationId)
                .executionRoleArn(role)
                .executionTimeoutMinutes(timeoutMinutes)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar")
                        .entryPointArguments(arguments)
                        .sparkSubmitParameters(parameters)))).jobRunId();
    }

    private JobRun awaitTerminal(String jobRunId)
    {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JobRunState state = getJobRun(jobRunId).state();
            return state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED;
        });
        return getJobRun(jobRunId);
    }

    private void awaitState(String jobRunId, JobRunState state)
    {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> getJobRun(jobRunId).state() == state);
    }

    private JobRun getJobRun(String jobRunId)
    {
        return client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
    }

    /** What a browser shows at the URL (redirects followed), or the status if it is not a page. */
    private static String browse(String url)
            throws Exception
    {
        // a browser: it keeps the cookie the dashboard URL sets
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NORMAL)
                .cookieHandler(new java.net.CookieManager()).build();
        java.net.http.HttpResponse<String> response = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode();
    }

    private List<String> keys(String prefix)
    {
        return s3.listObjectsV2Paginator(request -> request.bucket(BUCKET).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }
}
