package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.common.WorkerType;
import io.emrys.compute.runtime.ReleasePins;
import io.emrys.metering.WorkerRecord;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingDatabases;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The emr-7.x line on the prebuilt Spark 3.5.5 runtime, through the AWS SDK and the real server: a job on
 * {@code emr-7.9.0} (AWS ships 3.5.5 under it) with logs, metering and the history view; a job on pre-initialized
 * capacity; StartSession refused before {@code emr-7.13.0} (emr-7.12.0 is pinned to 3.5.5, because this machine's
 * Maven mirror has no Connect server of 3.5.6). PySpark 3.5.5's Spark Connect client on an {@code emr-7.13.0} session
 * is PythonSessionClientIntegrationTest's.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Spark35LineIntegrationTest
{
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;
    private static final String BUCKET = "spark35";
    private static final InitialCapacityConfig ONE_SMALL_WORKER = InitialCapacityConfig.builder().workerCount(1L)
            .workerConfiguration(worker -> worker.cpu("1 vCPU").memory("1 GB")).build();

    private TestingEmrys emrys;
    private EmrServerlessClient client;
    private S3Client s3;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(),
                config -> config.withRuntimes(ReleasePins.parse(List.of("emr-7.13.0=3.5.5", "emr-7.12.0=3.5.5")), false));
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
    void csvToParquetRunsOnSpark355WithLogsMeteringAndTheHistoryView()
            throws Exception
    {
        String applicationId = client.createApplication(request -> request.name("seven").releaseLabel("emr-7.9.0").type("SPARK")).applicationId();
        s3.putObject(request -> request.bucket(BUCKET).key("input/sales.csv"),
                RequestBody.fromString("category,amount\nbooks,10\ngames,5\nbooks,7\n", StandardCharsets.UTF_8));

        String jobRunId = client.startJobRun(request -> request
                .applicationId(applicationId)
                .executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar")
                        .entryPointArguments("s3://" + BUCKET + "/input/", "s3://" + BUCKET + "/output/by-category/", "--read-back")
                        // the executors' Java options reach them through an owner-only java @file (ExecutorJavaOptions)
                        .sparkSubmitParameters("--class io.emrys.testjobs.CsvAggregateToParquet --driver-memory 1g --conf spark.sql.shuffle.partitions=2"
                                + " --conf spark.executor.extraJavaOptions=-Xlog:gc:stderr")))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(logs -> logs.logUri("s3://" + BUCKET + "/logs/"))))).jobRunId();

        JobRun run = awaitTerminal(applicationId, jobRunId);

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        assertThat(run.releaseLabel()).isEqualTo("emr-7.9.0");
        var application = client.getApplication(request -> request.applicationId(applicationId)).application();
        assertThat(application.schedulerConfiguration().maxConcurrentRuns()).as("queuing is on by default from emr-7.3.0").isEqualTo(15);
        assertThat(application.schedulerConfiguration().queueTimeoutMinutes()).isEqualTo(360);
        assertThat(application.stateDetails()).as("no pin, nothing to say").isNull();
        String successMarker = s3.getObjectAsBytes(request -> request.bucket(BUCKET).key("output/by-category/_SUCCESS")).asUtf8String();
        assertThat(successMarker).as("the S3A magic committer on the 3.5 line too").contains("magic");
        String logs = "logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_DRIVER/";
        assertThat(gunzip(logs + "stderr.gz")).as("the driver runs the catalog's Spark for emr-7.9.0").contains("Running Spark version 3.5.5");
        assertThat(gunzip(logs + "stdout.gz")).contains("CsvAggregateToParquet read back: groups=2 rows=3 total=22");
        List<String> executorLogs = keys("logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_EXECUTOR/").stream()
                .filter(key -> key.endsWith("/stderr.gz")).toList();
        assertThat(executorLogs).isNotEmpty().allSatisfy(key -> assertThat(gunzip(key)).as("the executor JVM got its Java option").contains("][gc] Using "));
        assertThat(run.totalResourceUtilization().vcpuHour()).isPositive();
        assertThat(workers(applicationId)).filteredOn(worker -> worker.type() == WorkerType.EXECUTOR).as("executors on the standalone host").isNotEmpty();

        String dashboard = client.getDashboardForJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).url();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(browse(dashboard)).as("the history view of a Spark 3.5 run").contains("Spark Jobs").contains("app-"));
    }

    @Test
    void aPreInitializedDriverOnSpark355TakesAJob()
    {
        String applicationId = client.createApplication(request -> request.name("warm-seven").releaseLabel("emr-7.10.0").type("SPARK")
                .initialCapacity(Map.of("DRIVER", ONE_SMALL_WORKER, "EXECUTOR", ONE_SMALL_WORKER))
                .maximumCapacity(maximum -> maximum.cpu("4 vCPU").memory("8 GB").disk("200 GB"))).applicationId();
        client.startApplication(request -> request.applicationId(applicationId));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.getApplication(request -> request.applicationId(applicationId)).application().state() == ApplicationState.STARTED);

        String jobRunId = client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit.entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar")
                        .sparkSubmitParameters("--class io.emrys.testjobs.Trivial")))).jobRunId();
        JobRun run = awaitTerminal(applicationId, jobRunId);

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        assertThat(workers(applicationId)).filteredOn(worker -> worker.jobRunId().filter(jobRunId::equals).isPresent())
                .filteredOn(worker -> worker.type() == WorkerType.DRIVER)
                .singleElement().as("the run's driver is the pre-initialized one").satisfies(driver -> assertThat(driver.preInitialized()).isTrue());
        client.stopApplication(request -> request.applicationId(applicationId));
    }

    @Test
    void startSessionBeforeEmr713IsRefused()
            throws Exception
    {
        io.emrys.testing.SignedHttp http = new io.emrys.testing.SignedHttp(emrys.apiEndpoint(), emrys.credentials());
        String body = "{\"clientToken\":\"old-app\",\"name\":\"old\",\"releaseLabel\":\"emr-7.12.0\",\"type\":\"SPARK\",\"interactiveConfiguration\":{\"sessionEnabled\":true}}";
        var created = http.send("POST", "/applications", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String applicationId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).path("applicationId").asText();

        var response = http.send("POST", "/applications/" + applicationId + "/sessions", "{\"clientToken\":\"old-session\",\"executionRoleArn\":\"" + role + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType").orElse("")).startsWith("ValidationException");
        assertThat(response.body()).contains("emr-7.12.0").contains("emr-7.13.0");
    }

    @Test
    void anEmr6LabelIsRefusedNamingItsSparkAndTheServedLines()
    {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.createApplication(request -> request.releaseLabel("emr-6.15.0").type("SPARK")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("3.4.1").hasMessageContaining("Spark 3.5 line").hasMessageContaining("emr-spark-8.0");
    }

    private JobRun awaitTerminal(String applicationId, String jobRunId)
    {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JobRunState state = client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state();
            return state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED;
        });
        return client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
    }

    private List<WorkerRecord> workers(String applicationId)
    {
        return TestingDatabases.workers(emrys.dataDir(), applicationId);
    }

    private String gunzip(String key)
    {
        return TestingObjects.gunzip(s3, BUCKET, key);
    }

    private List<String> keys(String prefix)
    {
        return TestingObjects.keys(s3, BUCKET, prefix);
    }

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
}
