package io.emrys.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.WorkerType;
import io.emrys.gateway.GatewayTls;
import io.emrys.metering.WorkerRecord;
import io.emrys.testing.GatewayTrustStore;
import io.emrys.testing.SignedHttp;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingDatabases;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingSparkArtifacts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;

/**
 * Capacity end to end on real Spark: executors as separate JVMs on the application's standalone host,
 * pre-initialized drivers and executors handed to a job and to a session, cold starts that say why, scaling
 * within maximumCapacity checked from the worker records, an executor killed mid-job, and StopApplication
 * releasing every process. One server for the class; two applications.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CapacityIntegrationTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;

    private TestingEmrys emrys;
    private EmrServerlessClient client;
    private SignedHttp http;
    private String warmApplication;
    private String scalingApplication;

    @BeforeAll
    void start()
            throws Exception
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        role = emrys.executionRoleArn();
        client = emrys.serverlessClient();
        http = new SignedHttp(emrys.apiEndpoint(), emrys.credentials());
        // with the session additions, which the SDK's model does not have
        ObjectNode warm = JSON.createObjectNode().put("name", "warm").put("releaseLabel", "emr-spark-8.0").put("type", "SPARK").put("clientToken", "warm");
        ObjectNode initial = warm.putObject("initialCapacity");
        for (String type : List.of("DRIVER", "EXECUTOR")) {
            initial.putObject(type).put("workerCount", 1).putObject("workerConfiguration").put("cpu", "1 vCPU").put("memory", "1 GB");
        }
        warm.putObject("maximumCapacity").put("cpu", "4 vCPU").put("memory", "8 GB").put("disk", "200 GB");
        warm.putObject("interactiveConfiguration").put("sessionEnabled", true);
        warmApplication = json(http.send("POST", "/applications", warm.toString())).path("applicationId").asText();
        scalingApplication = client.createApplication(request -> request.name("scaling").releaseLabel("emr-spark-8.0").type("SPARK")
                .maximumCapacity(maximum -> maximum.cpu("3 vCPU").memory("3 GB").disk("100 GB"))).applicationId();
    }

    @AfterAll
    void stop()
    {
        client.close();
        emrys.close();
    }

    @Test
    @Order(1)
    void startApplicationWarmsUpThePreInitializedDriverAndExecutor()
            throws Exception
    {
        assertThat(client.startApplication(request -> request.applicationId(warmApplication))).isNotNull();
        assertThat(state(warmApplication)).as("STARTING while the warm workers start").isIn(ApplicationState.STARTING, ApplicationState.STARTED);

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> state(warmApplication) == ApplicationState.STARTED);

        assertThat(readyWarmDrivers(warmApplication)).hasSize(1);
        List<WorkerRecord> idle = workers(warmApplication).stream().filter(worker -> worker.jobRunId().isEmpty()).toList();
        assertThat(idle).extracting(WorkerRecord::type).contains(WorkerType.DRIVER);
        assertThat(idle).allMatch(WorkerRecord::preInitialized);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(workers(warmApplication))
                .as("the warm executor registered with the warm driver")
                .anyMatch(worker -> worker.type() == WorkerType.EXECUTOR && worker.stoppedAt().isEmpty()));

        JsonNode usage = json(http.send("GET", "/usage/applications/" + warmApplication, null));
        assertThat(usage.path("current").path("workers").asInt()).as(usage.toString()).isEqualTo(2);
        assertThat(usage.path("current").path("vCPU").asDouble()).isEqualTo(2.0);
        assertThat(usage.path("maximum").path("vCPU").asDouble()).isEqualTo(4.0);
        assertThat(usage.path("maximum").path("memoryGB").asDouble()).isEqualTo(8.0);
        assertThat(usage.path("reserved").path("vCPU").asDouble()).isBetween(2.0, 4.0);
        assertThat(http.send("GET", "/usage/applications/00nonexistent0000", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void jobTakesTheWarmDriverAndIsBilledOnlyFromTheHandoff()
            throws IOException
    {
        Instant submitted = Instant.now();
        String jobRunId = submit(warmApplication, "--class io.emrys.testjobs.Trivial", List.of());

        JobRun run = awaitTerminal(warmApplication, jobRunId);

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        List<WorkerRecord> runWorkers = workers(warmApplication).stream().filter(worker -> worker.jobRunId().equals(Optional.of(jobRunId))).toList();
        assertThat(runWorkers).extracting(WorkerRecord::type).contains(WorkerType.DRIVER, WorkerType.EXECUTOR);
        assertThat(runWorkers).filteredOn(worker -> worker.type() == WorkerType.DRIVER).singleElement()
                .satisfies(driver -> assertThat(driver.preInitialized()).isTrue());
        assertThat(runWorkers).as("the run's records start at the handoff, not when the warm workers started")
                .allSatisfy(worker -> assertThat(worker.startedAt()).isAfterOrEqualTo(submitted.minusSeconds(1)));
        assertThat(workers(warmApplication)).as("the idle part ended at the handoff")
                .anyMatch(worker -> worker.jobRunId().isEmpty() && worker.stopReason().orElse("").contains(jobRunId));
        assertThat(driverLog(warmApplication, jobRunId, "stderr")).as("the logs say the run started warm").contains("Emrys: warm driver");

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(readyWarmDrivers(warmApplication)).as("the pool refilled").hasSize(1));
    }

    @Test
    @Order(3)
    void sessionTakesTheWarmDriverAndAnswersAtOnce()
            throws Exception
    {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(readyWarmDrivers(warmApplication)).hasSize(1));
        ObjectNode start = JSON.createObjectNode().put("executionRoleArn", role).put("clientToken", "warm-session");
        String sessionId = json(http.send("POST", "/applications/" + warmApplication + "/sessions", start.toString())).path("sessionId").asText();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> "IDLE".equals(session(sessionId).path("state").asText()));

        // the Spark Connect JVM client only reads the JVM-wide trust store
        try (GatewayTrustStore trusted = GatewayTrustStore.trust(emrys.server().gatewayTrustStore().orElseThrow())) {
            useSession(sessionId);
        }
        finally {
            json(http.send("DELETE", "/applications/" + warmApplication + "/sessions/" + sessionId, null));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> "TERMINATED".equals(session(sessionId).path("state").asText()));
    }

    private void useSession(String sessionId)
            throws Exception
    {
        JsonNode endpoint = json(http.send("GET", "/applications/" + warmApplication + "/sessions/" + sessionId + "/endpoint", null));
        URI url = URI.create(endpoint.path("endpoint").asText());
        try (SparkSession spark = SparkSession.builder().remote("sc://" + url.getHost() + ":" + url.getPort() + "/;use_ssl=true;x-aws-proxy-auth="
                + endpoint.path("authToken").asText()).create()) {
            assertThat(spark.range(100).count()).isEqualTo(100);
        }
        List<WorkerRecord> sessionDrivers = new ArrayList<>();
        for (WorkerRecord worker : workers(warmApplication)) {
            if (worker.workerId().startsWith(sessionId) && worker.type() == WorkerType.DRIVER) {
                sessionDrivers.add(worker);
            }
        }
        assertThat(sessionDrivers).singleElement().satisfies(driver -> assertThat(driver.preInitialized()).isTrue());
    }

    @Test
    @Order(4)
    void sessionWithAStaticSettingOfItsOwnStartsColdAndSaysWhy()
            throws Exception
    {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(readyWarmDrivers(warmApplication)).as("a warm driver is free, so only the setting makes it cold").hasSize(1));
        ObjectNode start = JSON.createObjectNode().put("executionRoleArn", role).put("clientToken", "cold-session");
        start.putObject("configurationOverrides").putArray("runtimeConfiguration").addObject()
                .put("classification", "spark-defaults").putObject("properties").put("spark.executor.memory", "768m");
        String sessionId = json(http.send("POST", "/applications/" + warmApplication + "/sessions", start.toString())).path("sessionId").asText();
        try {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> "IDLE".equals(session(sessionId).path("state").asText()));

            assertThat(session(sessionId).path("stateDetails").asText()).contains("Started cold").contains("executor");
        }
        finally {
            json(http.send("DELETE", "/applications/" + warmApplication + "/sessions/" + sessionId, null));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> "TERMINATED".equals(session(sessionId).path("state").asText()));
    }

    @Test
    @Order(5)
    void jobWithAStaticSettingOfItsOwnStartsColdAndSaysWhy()
    {
        String jobRunId = submit(warmApplication, "--class io.emrys.testjobs.SlowTasks --conf spark.executor.memory=768m", List.of("2", "3000"));

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            JobRun running = client.getJobRun(request -> request.applicationId(warmApplication).jobRunId(jobRunId)).jobRun();
            assertThat(running.state()).isIn(JobRunState.RUNNING, JobRunState.SUCCESS);
            if (running.state() == JobRunState.RUNNING) {
                assertThat(running.stateDetails()).contains("Started cold").contains("executor");
            }
        });
        assertThat(awaitTerminal(warmApplication, jobRunId).state()).isEqualTo(JobRunState.SUCCESS);
    }

    @Test
    @Order(6)
    void jobScalesUpAndBackDownNeverAboveMaximumCapacity()
            throws IOException
    {
        // 3 vCPU / 3 GB: the driver and at most two 1 vCPU / 1 GB executors
        String jobRunId = submit(scalingApplication, "--class io.emrys.testjobs.SlowTasks"
                + " --conf spark.dynamicAllocation.initialExecutors=1 --conf spark.dynamicAllocation.schedulerBacklogTimeout=1s"
                + " --conf spark.dynamicAllocation.maxExecutors=10"
                + " --conf spark.dynamicAllocation.executorIdleTimeout=2s --conf spark.dynamicAllocation.shuffleTracking.timeout=2s",
                List.of("12", "2500", "8000"));

        JobRun run = awaitTerminal(scalingApplication, jobRunId);

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        List<WorkerRecord> all = workers(scalingApplication);
        List<WorkerRecord> executors = all.stream().filter(worker -> worker.type() == WorkerType.EXECUTOR).toList();
        assertThat(executors).as("scaled up beyond the one initial executor").hasSizeGreaterThanOrEqualTo(2);
        Instant driverEnd = all.stream().filter(worker -> worker.type() == WorkerType.DRIVER).findFirst().orElseThrow().stoppedAt().orElseThrow();
        assertThat(executors).as("idle executors were removed before the job ended (scaled back down)")
                .anyMatch(worker -> worker.stoppedAt().orElseThrow().isBefore(driverEnd.minusSeconds(2)));
        assertThat(peakVcpu(all)).as("never above maximumCapacity's 3 vCPU").isLessThanOrEqualTo(3.0);
        assertThat(peakMemory(all)).as("never above maximumCapacity's 3 GB").isLessThanOrEqualTo(3.0);
        assertThat(driverLog(scalingApplication, jobRunId, "stdout")).contains("SlowTasks ran 12 tasks");
        for (WorkerRecord executor : executors) {
            String executorId = executor.workerId().substring(executor.workerId().lastIndexOf('-') + 1);
            assertThat(runDir(scalingApplication, jobRunId).resolve("logs/SPARK_EXECUTOR/" + executorId + "/stderr.gz"))
                    .as("each executor's logs are kept beside the driver's").isRegularFile();
        }
    }

    @Test
    @Order(7)
    void killedExecutorIsReplacedAndTheRecordSaysWhy()
            throws Exception
    {
        String jobRunId = submit(scalingApplication, "--class io.emrys.testjobs.SlowTasks --conf spark.dynamicAllocation.initialExecutors=2", List.of("16", "3000"));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300)).until(() -> workers(scalingApplication).stream()
                .anyMatch(worker -> worker.jobRunId().equals(Optional.of(jobRunId)) && worker.type() == WorkerType.EXECUTOR && worker.stoppedAt().isEmpty()));
        String sparkAppId = sparkApplicationId(scalingApplication, jobRunId);
        ProcessHandle executor = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .filter(process -> process.info().commandLine().orElse("").contains(sparkAppId))
                .findFirst().orElseThrow();

        executor.destroyForcibly();

        JobRun run = awaitTerminal(scalingApplication, jobRunId);
        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        List<WorkerRecord> executors = workers(scalingApplication).stream()
                .filter(worker -> worker.jobRunId().equals(Optional.of(jobRunId)) && worker.type() == WorkerType.EXECUTOR).toList();
        assertThat(executors).as("the killed executor's record says why it stopped")
                .anyMatch(worker -> worker.stopReason().orElse("").matches("(?is).*(exit|lost|kill|137).*") && !worker.stopReason().orElse("").contains("driver ended"));
    }

    @Test
    @Order(8)
    void stopApplicationReleasesEveryWorkerProcess()
    {
        client.stopApplication(request -> request.applicationId(warmApplication));
        client.stopApplication(request -> request.applicationId(scalingApplication));

        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(() ->
                state(warmApplication) == ApplicationState.STOPPED && state(scalingApplication) == ApplicationState.STOPPED);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .map(process -> process.info().commandLine().orElse(""))
                .filter(line -> line.contains("io.emrys.agent.") || line.contains("CoarseGrainedExecutorBackend")))
                .as("no warm driver, standalone host or executor is left")
                .isEmpty());
        assertThat(workers(warmApplication)).allSatisfy(worker -> assertThat(worker.stoppedAt()).as(worker.workerId()).isPresent());
    }

    private String submit(String applicationId, String parameters, List<String> arguments)
    {
        return client.startJobRun(request -> request
                .applicationId(applicationId)
                .executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint(TestingSparkArtifacts.testJobsJar().toString())
                        .entryPointArguments(arguments)
                        .sparkSubmitParameters(parameters)))).jobRunId();
    }

    private JobRun awaitTerminal(String applicationId, String jobRunId)
    {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300)).until(() -> {
            JobRunState state = client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state();
            return state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED;
        });
        return client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
    }

    private ApplicationState state(String applicationId)
    {
        return client.getApplication(request -> request.applicationId(applicationId)).application().state();
    }

    private List<WorkerRecord> workers(String applicationId)
    {
        return TestingDatabases.workers(emrys.dataDir(), applicationId);
    }

    /** Warm drivers that are ready and not taken, from their work dirs. */
    private List<Path> readyWarmDrivers(String applicationId)
            throws IOException
    {
        Path pool = emrys.dataDir().resolve("pool").resolve(applicationId);
        if (!Files.isDirectory(pool)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(pool)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("warm-"))
                    .filter(dir -> Files.exists(dir.resolve("warm-ready.json")) && !Files.exists(dir.resolve("assignment.properties")))
                    .filter(dir -> !Files.exists(dir.resolve("exit-code")))
                    .toList();
        }
    }

    private Path runDir(String applicationId, String jobRunId)
    {
        return emrys.dataDir().resolve("applications").resolve(applicationId).resolve("jobs").resolve(jobRunId).resolve("attempt-1");
    }

    private String driverLog(String applicationId, String jobRunId, String name)
            throws IOException
    {
        Path dir = runDir(applicationId, jobRunId);
        Path plain = dir.resolve(name);
        if (Files.exists(plain)) {
            return Files.readString(plain, StandardCharsets.UTF_8);
        }
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(name + ".gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String sparkApplicationId(String applicationId, String jobRunId)
            throws Exception
    {
        Path events = runDir(applicationId, jobRunId).resolve("worker-events.jsonl");
        for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            JsonNode event = JSON.readTree(line);
            if ("APPLICATION_START".equals(event.path("type").asText())) {
                return event.path("appId").asText();
            }
        }
        throw new AssertionError("no APPLICATION_START in " + events);
    }

    /** The most vCPU the application's workers held at any one time, from their records. */
    private static double peakVcpu(List<WorkerRecord> workers)
    {
        return peak(workers, worker -> worker.size().vcpu());
    }

    private static double peakMemory(List<WorkerRecord> workers)
    {
        return peak(workers, worker -> worker.size().memoryGb());
    }

    private static double peak(List<WorkerRecord> workers, java.util.function.ToDoubleFunction<WorkerRecord> size)
    {
        List<Instant> instants = workers.stream().map(WorkerRecord::startedAt).sorted(Comparator.naturalOrder()).toList();
        double peak = 0;
        for (Instant at : instants) {
            double sum = workers.stream()
                    .filter(worker -> !worker.startedAt().isAfter(at) && worker.stoppedAt().map(stopped -> stopped.isAfter(at)).orElse(true))
                    .mapToDouble(size)
                    .sum();
            peak = Math.max(peak, sum);
        }
        return peak;
    }

    private JsonNode session(String sessionId)
            throws Exception
    {
        return json(http.send("GET", "/applications/" + warmApplication + "/sessions/" + sessionId, null)).path("session");
    }

    private static JsonNode json(HttpResponse<String> response)
            throws Exception
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
