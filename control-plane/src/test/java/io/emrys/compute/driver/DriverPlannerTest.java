package io.emrys.compute.driver;

import io.emrys.testing.TestingRuntimes;
import io.emrys.compute.config.Classification;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.error.EmrysException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class DriverPlannerTest
{
    private static final Path JAVA = Path.of("/opt/jdk/bin/java");
    private static final SparkRuntime RUNTIME = TestingRuntimes.emrSpark80(Path.of("/opt/emrys/runtimes/spark-4.0.1"));
    private static final Path WORK_DIR = Path.of("/data/runs/00abc");
    private static final Path HOST_SECRET = hostSecret();

    private final DriverPlanner planner = new DriverPlanner(new DriverLauncherConfig(JAVA, 4, new MemorySize(14 * 1024), 20, Duration.ofMillis(250)));

    @Test
    void runsSparkSubmitInsideTheDriverJvmWithSparksModuleOptions()
    {
        DriverPlan plan = planner.plan(request("s3://bucket/job.jar", List.of("in", "out"), "--class com.example.Job", SparkConfiguration.EMPTY), 4040);
        List<String> command = plan.javaCommand();

        assertThat(command.get(0)).isEqualTo(JAVA.toString());
        assertThat(command).containsSubsequence(SparkJavaOptions.MODULE_OPTIONS);
        assertThat(command).contains(
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Xmx14g",
                "-Djava.io.tmpdir=" + WORK_DIR.resolve("tmp"));
        assertThat(command).containsSubsequence("-cp", "/opt/emrys/runtimes/spark-4.0.1/jars/*", "org.apache.spark.deploy.SparkSubmit",
                "--properties-file", WORK_DIR.resolve("spark.properties").toString(), "--class", "com.example.Job", "s3://bucket/job.jar", "in", "out");
        // One JVM only: no spark-submit script and no launcher JVM (org.apache.spark.launcher.Main) in between.
        assertThat(command).filteredOn(word -> word.endsWith("/java") || word.equals("java")).hasSize(1);
        assertThat(command).noneMatch(word -> word.contains("spark-submit") || word.contains("org.apache.spark.launcher"));
        assertThat(command.subList(command.indexOf("org.apache.spark.deploy.SparkSubmit"), command.size())).doesNotContain("--master", "--deploy-mode");
        assertThat(plan.localEntryPoint()).isEmpty();
    }

    @Test
    void givesAPythonJobsArgumentsThroughAnOwnerOnlyFileInsteadOfTheCommandLine()
    {
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.emr-serverless.driverEnv.EMRYS_ENTRY_POINT_ARGUMENTS", "/tmp/theirs"), Map.of(), Map.of());
        DriverPlan plan = planner.plan(request("s3://bucket/job.py", List.of("--password", "s3cret"), "", configuration), 4040);

        // PythonRunner would pass SparkSubmit's trailing arguments on to the Python process's command line
        assertThat(plan.javaCommand()).endsWith("s3://bucket/job.py").doesNotContain("--password", "s3cret");
        assertThat(plan.environment()).containsEntry(DriverPlanner.PYTHON_ARGUMENTS, WORK_DIR.resolve("python-arguments").toString());

        DriverPlan withoutArguments = planner.plan(request("s3://bucket/job.py", List.of(), "", configuration), 4040);
        assertThat(withoutArguments.environment()).doesNotContainKey(DriverPlanner.PYTHON_ARGUMENTS);
    }

    @Test
    void keepsAJvmJobsArgumentsAfterItsEntryPointForSparkSubmit()
    {
        DriverPlan plan = planner.plan(request("s3://bucket/job.jar", List.of("--password", "s3cret"), "--class com.example.Job", SparkConfiguration.EMPTY), 4040);

        assertThat(plan.javaCommand()).endsWith("s3://bucket/job.jar", "--password", "s3cret");
        assertThat(plan.environment()).doesNotContainKey(DriverPlanner.PYTHON_ARGUMENTS);
    }

    @Test
    void setsManagedPropertiesOverTheUsersOnes()
    {
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.master", "yarn", "spark.eventLog.enabled", "false", "spark.driver.host", "0.0.0.0"), Map.of(), Map.of());
        DriverLaunchRequest request = new DriverLaunchRequest("00abc", RUNTIME, "/jobs/job.jar", List.of(), SparkSubmitParameters.parse("--driver-cores 2"),
                configuration, WORK_DIR, "file:/data/event-logs", Map.of("fs.s3a.endpoint", "http://127.0.0.1:9000", "fs.s3a.path.style.access", "true"));

        Map<String, String> properties = planner.plan(request, 41234).sparkProperties();

        assertThat(properties)
                .containsEntry("spark.master", "local[2]")
                .containsEntry("spark.submit.deployMode", "client")
                .containsEntry("spark.driver.host", "127.0.0.1")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1")
                .containsEntry("spark.ui.port", "41234")
                .containsEntry("spark.eventLog.enabled", "true")
                .containsEntry("spark.eventLog.dir", "file:/data/event-logs")
                .containsEntry("spark.local.dir", WORK_DIR.resolve("local").toString())
                .containsEntry("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem")
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true");
    }

    @Test
    void sparkSubmitParametersWinOverJobLevelWhichWinsOverApplicationLevel()
    {
        SparkConfiguration configuration = SparkConfiguration.merge(
                List.of(new Classification("spark-defaults", Map.of("spark.a", "app", "spark.b", "app", "spark.c", "app"))),
                List.of(new Classification("spark-defaults", Map.of("spark.b", "job", "spark.c", "job"))));

        Map<String, String> properties = planner.plan(request("/jobs/job.jar", List.of(), "--conf spark.c=submit", configuration), 4040).sparkProperties();

        assertThat(properties).containsEntry("spark.a", "app").containsEntry("spark.b", "job").containsEntry("spark.c", "submit");
    }

    @Test
    void sizesTheDriverFromParametersConfOrDefaults()
    {
        DriverPlan defaults = planner.plan(request("/jobs/job.jar", List.of(), "", SparkConfiguration.EMPTY), 4040);
        assertThat(defaults.driverCores()).isEqualTo(4);
        assertThat(defaults.driverMemory()).isEqualTo(new MemorySize(14 * 1024));
        assertThat(defaults.sparkProperties()).containsEntry("spark.master", "local[4]");

        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.driver.memory", "3g", "spark.driver.cores", "3"), Map.of(), Map.of());
        DriverPlan fromConf = planner.plan(request("/jobs/job.jar", List.of(), "--driver-memory 1g", configuration), 4040);
        assertThat(fromConf.driverCores()).isEqualTo(3);
        assertThat(fromConf.javaCommand()).contains("-Xmx1g").doesNotContain("-Xmx3g", "-Xmx14g");
    }

    @Test
    void rejectsMalformedDriverSizesFromConfiguration()
    {
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.driver.memory", "lots"), Map.of(), Map.of());

        assertThatThrownBy(() -> planner.plan(request("/jobs/job.jar", List.of(), "", configuration), 4040))
                .isInstanceOf(EmrysException.class)
                .hasMessageContaining("spark.driver.memory");
    }

    @Test
    void passesLog4j2FilesAndDriverJavaOptions()
    {
        SparkConfiguration configuration = new SparkConfiguration(
                Map.of("spark.driver.extraJavaOptions", "-Dfoo=bar -Dquoted='a b'", "spark.driver.extraClassPath", "/extra/lib.jar",
                        "spark.executor.extraJavaOptions", "-Dexec=1"),
                Map.of("rootLogger.level", "warn"),
                Map.of("rootLogger.level", "error"));

        DriverPlan plan = planner.plan(request("/jobs/job.jar", List.of(), "", configuration), 4040);

        assertThat(plan.javaCommand()).contains(
                "-Dlog4j2.configurationFile=" + WORK_DIR.resolve("driver-log4j2.properties").toUri(),
                "-Dfoo=bar",
                "-Dquoted=a b",
                "/opt/emrys/runtimes/spark-4.0.1/jars/*:/extra/lib.jar");
        assertThat(plan.sparkProperties()).containsEntry("spark.executor.extraJavaOptions",
                "-Dexec=1 -Dlog4j2.configurationFile=" + WORK_DIR.resolve("executor-log4j2.properties").toUri());
    }

    @Test
    void recognisesLocalEntryPoints()
    {
        assertThat(DriverPlanner.localPath("/jobs/job.jar")).hasValue(Path.of("/jobs/job.jar"));
        assertThat(DriverPlanner.localPath("file:/jobs/job.jar")).hasValue(Path.of("/jobs/job.jar"));
        assertThat(DriverPlanner.localPath("file:///jobs/job.jar")).hasValue(Path.of("/jobs/job.jar"));
        assertThat(DriverPlanner.localPath("local:/jobs/job.jar")).hasValue(Path.of("/jobs/job.jar"));
        assertThat(DriverPlanner.localPath("s3://bucket/job.jar")).isEqualTo(Optional.empty());
        assertThat(DriverPlanner.localPath("s3a://bucket/job.jar")).isEqualTo(Optional.empty());

        DriverPlan plan = planner.plan(request("file:/jobs/job.jar", List.of(), "", SparkConfiguration.EMPTY), 4040);
        assertThat(plan.localEntryPoint()).hasValue(Path.of("/jobs/job.jar"));
        assertThat(plan.javaCommand()).contains("/jobs/job.jar");
    }

    @Test
    void bindsTheDriverToLoopback()
    {
        DriverPlan plan = planner.plan(request("/jobs/job.jar", List.of(), "", SparkConfiguration.EMPTY), 4040);

        assertThat(plan.environment()).containsEntry("SPARK_LOCAL_IP", "127.0.0.1").containsEntry("SPARK_HOME", RUNTIME.home().toString());
    }

    @Test
    void placesExecutorsOnTheStandaloneMasterWithDynamicAllocationAndTheListener()
    {
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.extraListeners", "com.example.Listener",
                "spark.executor.cores", "8", "spark.master", "yarn"), Map.of(), Map.of());

        DriverPlan plan = planner.plan(request("/jobs/job.jar", List.of(), "", configuration).withExecutors(placement(0, 2, 4)), 4040);

        assertThat(plan.sparkProperties())
                .containsEntry("spark.master", "spark://127.0.0.1:7077")
                .containsEntry("spark.authenticate", "true")
                .containsEntry("spark.authenticate.secret", "c0ffee")
                .containsEntry("spark.network.crypto.enabled", "true")
                .containsEntry("spark.executor.cores", "2")
                .containsEntry("spark.executor.memory", "1536m")
                .containsEntry("spark.dynamicAllocation.enabled", "true")
                .containsEntry("spark.dynamicAllocation.shuffleTracking.enabled", "true")
                .containsEntry("spark.dynamicAllocation.minExecutors", "0")
                .containsEntry("spark.dynamicAllocation.initialExecutors", "2")
                .containsEntry("spark.dynamicAllocation.maxExecutors", "4")
                .containsEntry("spark.cores.max", "8")
                .containsEntry("spark.extraListeners", "com.example.Listener,io.emrys.agent.WorkerEventsListener")
                .containsEntry("spark.emrys.workerEvents.file", WORK_DIR.resolve("worker-events.jsonl").toString())
                .doesNotContainKey("spark.executor.instances");
        assertThat(plan.javaCommand()).containsSubsequence("-cp",
                "/opt/emrys/runtimes/spark-4.0.1/jars/*:/opt/emrys/runtimes/spark-4.0.1/agent/emrys-driver-agent.jar",
                "org.apache.spark.deploy.SparkSubmit");
    }

    @Test
    void aJobsMaxExecutorsLowersThePlacementsButNeverRaisesIt()
    {
        SparkConfiguration lower = new SparkConfiguration(Map.of("spark.dynamicAllocation.maxExecutors", "1", "spark.executor.instances", "3"), Map.of(), Map.of());
        Map<String, String> lowered = planner.plan(request("/jobs/job.jar", List.of(), "", lower).withExecutors(placement(1, 2, 4)), 4040).sparkProperties();
        assertThat(lowered)
                .containsEntry("spark.dynamicAllocation.maxExecutors", "1")
                .containsEntry("spark.dynamicAllocation.minExecutors", "1")
                .containsEntry("spark.dynamicAllocation.initialExecutors", "1")
                .containsEntry("spark.executor.instances", "1")
                .containsEntry("spark.cores.max", "2");

        SparkConfiguration higher = new SparkConfiguration(Map.of("spark.dynamicAllocation.maxExecutors", "100"), Map.of(), Map.of());
        Map<String, String> kept = planner.plan(request("/jobs/job.jar", List.of(), "", higher).withExecutors(placement(0, 2, 4)), 4040).sparkProperties();
        assertThat(kept).containsEntry("spark.dynamicAllocation.maxExecutors", "4").containsEntry("spark.cores.max", "8");
    }

    @Test
    void aJobThatTurnsDynamicAllocationOffGetsTheInitialExecutorsCappedByTheMaximum()
    {
        SparkConfiguration off = new SparkConfiguration(Map.of("spark.dynamicAllocation.enabled", "false", "spark.executor.instances", "50"), Map.of(), Map.of());

        Map<String, String> properties = planner.plan(request("/jobs/job.jar", List.of(), "", off).withExecutors(placement(0, 3, 4)), 4040).sparkProperties();

        assertThat(properties)
                .containsEntry("spark.dynamicAllocation.enabled", "false")
                .containsEntry("spark.executor.instances", "3")
                .containsEntry("spark.cores.max", "6")
                .doesNotContainKey("spark.dynamicAllocation.maxExecutors");

        SparkConfiguration offAndLow = new SparkConfiguration(Map.of("spark.dynamicAllocation.enabled", "false", "spark.dynamicAllocation.maxExecutors", "2"), Map.of(), Map.of());
        assertThat(planner.plan(request("/jobs/job.jar", List.of(), "", offAndLow).withExecutors(placement(0, 3, 4)), 4040).sparkProperties())
                .containsEntry("spark.executor.instances", "2");
    }

    @Test
    void withoutAPlacementTheDriverRunsTasksItselfWithoutTheAgent()
    {
        DriverPlan plan = planner.plan(request("/jobs/job.jar", List.of(), "", SparkConfiguration.EMPTY), 4040);

        assertThat(plan.sparkProperties()).containsEntry("spark.master", "local[4]").doesNotContainKeys("spark.extraListeners", "spark.emrys.workerEvents.file",
                "spark.dynamicAllocation.enabled", "spark.cores.max");
        assertThat(plan.javaCommand()).noneMatch(word -> word.contains("emrys-driver-agent.jar"));
    }

    @Test
    void rejectsAnInconsistentPlacement()
    {
        assertThatThrownBy(() -> placement(3, 2, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minExecutors");
        assertThatThrownBy(() -> placement(0, 5, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxExecutors");
    }

    @Test
    void aDriverWhoseHostIsStillStartingWaitsForItsReadyFileInsteadOfNamingAMaster()
    {
        Path readyFile = Path.of("/data/pool/app/standalone-host/standalone-ready.json");
        ExecutorPlacement starting = placement(0, 1, 2).withMaster(new StandaloneMaster.Starting(readyFile));
        SparkConfiguration userMaster = new SparkConfiguration(Map.of("spark.master", "local[4]"), Map.of(), Map.of());

        DriverPlan plan = planner.plan(request("/jobs/job.jar", List.of("in"), "--class com.example.Job", userMaster).withExecutors(starting), 4040);

        assertThat(plan.sparkProperties())
                .containsEntry("spark.emrys.standaloneReadyFile", readyFile.toString())
                .doesNotContainKey("spark.master")
                .containsEntry("spark.authenticate", "true");
        assertThat(plan.javaCommand()).contains("io.emrys.agent.AwaitMasterThenSubmit").doesNotContain("org.apache.spark.deploy.SparkSubmit");
        assertThat(plan.javaCommand().subList(plan.javaCommand().size() - 2, plan.javaCommand().size())).containsExactly("/jobs/job.jar", "in");
    }

    @Test
    void aDriverOnARunningMasterStartsSparkSubmitWithTheMastersUrl()
    {
        DriverPlan plan = planner.plan(request("/jobs/job.jar", List.of(), "", SparkConfiguration.EMPTY).withExecutors(placement(0, 1, 2)), 4040);

        assertThat(plan.sparkProperties()).containsEntry("spark.master", "spark://127.0.0.1:7077").doesNotContainKey("spark.emrys.standaloneReadyFile");
        assertThat(plan.javaCommand()).contains("org.apache.spark.deploy.SparkSubmit").doesNotContain("io.emrys.agent.AwaitMasterThenSubmit");
    }

    private static ExecutorPlacement placement(int min, int initial, int max)
    {
        return new ExecutorPlacement("spark://127.0.0.1:7077", 2, new MemorySize(1536), min, initial, max, WORK_DIR.resolve("worker-events.jsonl"), HOST_SECRET);
    }

    private static Path hostSecret()
    {
        try {
            Path file = java.nio.file.Files.createTempFile("emrys-host", ".secret");
            file.toFile().deleteOnExit();
            return java.nio.file.Files.writeString(file, "c0ffee\n");
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DriverLaunchRequest request(String entryPoint, List<String> arguments, String parameters, SparkConfiguration configuration)
    {
        return new DriverLaunchRequest("00abc", RUNTIME, entryPoint, arguments, SparkSubmitParameters.parse(parameters), configuration, WORK_DIR, "/data/event-logs", Map.of());
    }
}
