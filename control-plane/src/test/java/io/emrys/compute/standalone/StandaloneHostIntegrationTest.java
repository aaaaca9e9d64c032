package io.emrys.compute.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncher;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.driver.ExecutorPlacement;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.TestingSparkArtifacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs real drivers whose executors are separate JVMs launched by a standalone host's worker. One host (2 cores,
 * 2 GiB) serves the class; the stop test has its own, since stopping is what it checks.
 *
 * <p>The jobs set {@code spark.scheduler.minRegisteredResourcesRatio=1}: Spark then holds the job's main method
 * until every requested executor has registered, so the tests do not depend on how fast executors start.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class StandaloneHostIntegrationTest
{
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String EXECUTOR_CLASS = "org.apache.spark.executor.CoarseGrainedExecutorBackend";

    @TempDir
    static Path temp;

    private static SparkRuntime runtime;
    private static Path jobsJar;
    private static DriverLauncher launcher;
    private static StandaloneHostLauncher hostLauncher;
    private static StandaloneHost host;
    private static String masterUrl;

    private final WorkerEvents workerEvents = new WorkerEvents(new ObjectMapper());

    @BeforeAll
    static void startHost()
            throws Exception
    {
        runtime = TestingSparkArtifacts.runtime();
        jobsJar = TestingSparkArtifacts.testJobsJar();
        launcher = new DriverLauncher(DriverLauncherConfig.defaults().withDefaultDriverResources(1, new MemorySize(512)), Clock.systemUTC());
        hostLauncher = new StandaloneHostLauncher(DriverLauncherConfig.defaults());
        host = hostLauncher.start(runtime, temp.resolve("host"), 2, 2048);
        masterUrl = host.ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopHost()
    {
        if (host != null) {
            host.stop(Duration.ofSeconds(10));
        }
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void hostIsReadyOnLoopbackAndRecordsItsPid()
            throws IOException
    {
        assertThat(masterUrl).matches("spark://127\\.0\\.0\\.1:[0-9]+");
        assertThat(host.isAlive()).isTrue();
        assertThat(Files.readString(host.workDir().resolve("standalone-host.pid")).strip()).isEqualTo(Long.toString(host.pid()));
        assertThat(Files.readString(host.workDir().resolve("standalone-ready.json"))).contains("\"masterWebUiPort\":");
    }

    @Test
    void readyFailsWithTheReasonWhenTheHostJvmEndsFirst()
            throws IOException
    {
        // A runtime folder without jars or agent: the JVM cannot even load the host's class.
        Path emptyRuntime = Files.createDirectories(temp.resolve("empty-runtime"));
        StandaloneHost broken = hostLauncher.start(new SparkRuntime(runtime.releaseLabel(), runtime.sparkVersion(), emptyRuntime), temp.resolve("broken-host"), 1, 512);

        assertThat(broken.ready())
                .failsWithin(WAIT)
                .withThrowableOfType(ExecutionException.class)
                .withMessageContaining("ended before it was ready")
                .withMessageContaining("io.emrys.agent.StandaloneHost");
        assertThat(broken.isAlive()).isFalse();
    }

    @Test
    void aDriverWithoutTheHostsSecretIsRefusedByTheMasterAndGetsNoExecutor()
            throws Exception
    {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(host.authSecretFile()))).isEqualTo("rw-------");
        Path workDir = temp.resolve("runs/intruder");
        Path events = workDir.resolve("worker-events.jsonl");
        Path wrongSecret = Files.writeString(temp.resolve("wrong.secret"), "0123456789abcdef0123456789abcdef");

        DriverProcess driver = launcher.launch(sleepThenCount("intruder", 1, workDir, new ExecutorPlacement(masterUrl, 1, new MemorySize(512), 0, 1, 1, events, wrongSecret)));
        DriverExit exit = driver.onExit().get(5, TimeUnit.MINUTES);

        assertThat(exit.exitCode()).as(stderrOf(workDir)).isNotZero();
        assertThat(Files.readString(workDir.resolve("stderr"))).contains("All masters are unresponsive");
        assertThat(Files.exists(events) ? count(events, WorkerEvent.Type.EXECUTOR_ADDED) : 0).isZero();
    }

    @Test
    void jobRunsOnTwoExecutorJvmsLaunchedByTheHostsWorker()
            throws Exception
    {
        Path workDir = temp.resolve("runs/two-executors");
        Path events = workDir.resolve("worker-events.jsonl");
        // a job's executor Java options may hold its secrets: the executors get them, their command lines do not show them
        DriverLaunchRequest request = sleepThenCount("two-executors", 15, workDir, new ExecutorPlacement(masterUrl, 1, new MemorySize(512), 0, 2, 2, events, host.authSecretFile()),
                Map.of("spark.executor.extraJavaOptions", "-Demrys.test.secret='hunter2 and more'"), "emrys.test.secret");
        DriverProcess driver = launcher.launch(request);

        await().atMost(WAIT).until(() -> count(events, WorkerEvent.Type.EXECUTOR_ADDED) == 2);
        String appId = appId(events);
        List<ProcessHandle> executors = executorsOf(appId);
        assertThat(executors).hasSize(2);
        for (ProcessHandle executor : executors) {
            assertThat(executor.pid()).isNotEqualTo(driver.pid()).isNotEqualTo(host.pid());
            assertThat(executor.parent().map(ProcessHandle::pid)).hasValue(host.pid());
            // Spark adds its module options to executors itself (spark.executor.extraJavaOptions).
            assertThat(executor.info().commandLine().orElseThrow()).contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--cores 1",
                    "@" + workDir.resolve("executor-java.args")).doesNotContain("hunter2");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("executor-java.args")))).isEqualTo("rw-------");

        DriverExit exit = driver.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(exit.exitCode()).as(stderrOf(workDir)).isZero();
        assertThat(Files.readString(workDir.resolve("stdout"))).contains("SleepThenCount counted 10 rows")
                .contains("SleepThenCount tasks read emrys.test.secret=[hunter2 and more]");
        assertThat(Files.readString(host.workDir().resolve("stderr"))).as("the worker logs each executor's command line")
                .contains("ExecutorRunner: Launch command:").doesNotContain("hunter2");
        List<WorkerEvent> all = workerEvents.read(events, 0).events();
        assertThat(all).filteredOn(event -> event.type() == WorkerEvent.Type.EXECUTOR_ADDED)
                .extracting(WorkerEvent::cores).containsExactly(1, 1);
        assertThat(all).extracting(WorkerEvent::type).contains(WorkerEvent.Type.APPLICATION_START, WorkerEvent.Type.APPLICATION_END);
        // The worker keeps each executor's output under its work dir.
        assertThat(host.workerDir().resolve(appId)).isDirectory();
    }

    @Test
    void jobSurvivesAnExecutorKilledMidJobAndTheRemovalIsReported()
            throws Exception
    {
        Path workDir = temp.resolve("runs/killed-executor");
        Path events = workDir.resolve("worker-events.jsonl");
        DriverProcess driver = launcher.launch(sleepThenCount("killed-executor", 20, workDir, new ExecutorPlacement(masterUrl, 1, new MemorySize(512), 0, 2, 2, events, host.authSecretFile())));

        await().atMost(WAIT).until(() -> count(events, WorkerEvent.Type.EXECUTOR_ADDED) == 2);
        List<ProcessHandle> executors = executorsOf(appId(events));
        assertThat(executors).hasSize(2);
        ProcessHandle victim = executors.get(0);
        victim.destroyForcibly();
        victim.onExit().get(30, TimeUnit.SECONDS);

        DriverExit exit = driver.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(exit.exitCode()).as(stderrOf(workDir)).isZero();
        assertThat(Files.readString(workDir.resolve("stdout"))).contains("SleepThenCount counted 10 rows");
        assertThat(workerEvents.read(events, 0).events())
                .filteredOn(event -> event.type() == WorkerEvent.Type.EXECUTOR_REMOVED)
                .anySatisfy(event -> assertThat(event.reason()).hasValueSatisfying(reason -> assertThat(reason).isNotBlank()));
    }

    @Test
    void stoppingAnAdoptedHostLeavesNoExecutorJvm()
            throws Exception
    {
        StandaloneHost own = hostLauncher.start(runtime, temp.resolve("own-host"), 1, 1024);
        DriverProcess driver = null;
        try {
            String url = own.ready().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            Path workDir = temp.resolve("runs/stopped-host");
            Path events = workDir.resolve("worker-events.jsonl");
            driver = launcher.launch(sleepThenCount("stopped-host", 600, workDir, new ExecutorPlacement(url, 1, new MemorySize(512), 1, 1, 1, events, own.authSecretFile())));
            await().atMost(WAIT).until(() -> count(events, WorkerEvent.Type.EXECUTOR_ADDED) == 1);
            List<ProcessHandle> executors = executorsOf(appId(events));
            assertThat(executors).hasSize(1);

            // A restarted control plane finds the host by pid and work dir; a wrong work dir is not it.
            assertThat(StandaloneHost.adopt(own.pid(), temp.resolve("host"))).isEmpty();
            Optional<StandaloneHost> adopted = StandaloneHost.adopt(own.pid(), own.workDir());
            assertThat(adopted).isPresent();
            assertThat(adopted.get().ready().get(10, TimeUnit.SECONDS)).isEqualTo(url);

            adopted.get().stop(Duration.ofSeconds(20));

            assertThat(own.isAlive()).isFalse();
            assertThat(executors).noneMatch(ProcessHandle::isAlive);
            assertThat(executorsOf(appId(events))).isEmpty();
        }
        finally {
            own.stop(Duration.ofSeconds(5));
            if (driver != null) {
                driver.stop(Duration.ofSeconds(5));
                driver.onExit().handle((exit, failure) -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private DriverLaunchRequest sleepThenCount(String runId, int seconds, Path workDir, ExecutorPlacement placement)
    {
        return sleepThenCount(runId, seconds, workDir, placement, Map.of());
    }

    /** With {@code property}, the job also prints what its tasks read for that system property. */
    private DriverLaunchRequest sleepThenCount(String runId, int seconds, Path workDir, ExecutorPlacement placement, Map<String, String> conf,
            String... property)
    {
        Map<String, String> defaults = new java.util.HashMap<>(Map.of(
                "spark.scheduler.minRegisteredResourcesRatio", "1.0",
                "spark.scheduler.maxRegisteredResourcesWaitingTime", "180s"));
        defaults.putAll(conf);
        SparkConfiguration configuration = new SparkConfiguration(defaults, Map.of(), Map.of());
        List<String> arguments = new java.util.ArrayList<>(List.of(Integer.toString(seconds)));
        arguments.addAll(List.of(property));
        return new DriverLaunchRequest(runId, runtime, jobsJar.toString(), arguments,
                SparkSubmitParameters.parse("--class io.emrys.testjobs.SleepThenCount"), configuration, workDir,
                temp.resolve("event-logs").toString(), Map.of()).withExecutors(placement);
    }

    private long count(Path events, WorkerEvent.Type type)
    {
        return workerEvents.read(events, 0).events().stream().filter(event -> event.type() == type).count();
    }

    private String appId(Path events)
    {
        return workerEvents.read(events, 0).events().stream()
                .filter(event -> event.type() == WorkerEvent.Type.APPLICATION_START)
                .findFirst()
                .flatMap(WorkerEvent::appId)
                .orElseThrow(() -> new AssertionError("no APPLICATION_START with an app id in " + events));
    }

    private static List<ProcessHandle> executorsOf(String appId)
    {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains(EXECUTOR_CLASS) && line.contains("--app-id " + appId))
                        .orElse(false))
                .toList();
    }

    private static String stderrOf(Path workDir)
    {
        try {
            return Files.readString(workDir.resolve("stderr"));
        }
        catch (IOException e) {
            return "no stderr: " + e;
        }
    }
}
