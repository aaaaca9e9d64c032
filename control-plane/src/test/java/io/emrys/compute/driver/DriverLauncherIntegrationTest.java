package io.emrys.compute.driver;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.TestingSparkArtifacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts real Spark 4.0.1 drivers from the built runtime. Spark JVMs are expensive on a small machine, so each
 * launch checks several behaviours: four Spark launches in all.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DriverLauncherIntegrationTest
{
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(2);

    private static SparkRuntime runtime;
    private static Path jobsJar;
    private static DriverLauncher launcher;

    @TempDir
    Path temp;

    @BeforeAll
    static void findArtifacts()
    {
        runtime = TestingSparkArtifacts.runtime();
        jobsJar = TestingSparkArtifacts.testJobsJar();
        launcher = new DriverLauncher(DriverLauncherConfig.defaults().withDefaultDriverResources(1, new MemorySize(512)), Clock.systemUTC());
    }

    @AfterAll
    static void closeLauncher()
    {
        launcher.close();
    }

    @Test
    void trivialJobSucceedsWritesLogsAndEventLogAndCanBeAdoptedByAnotherControlPlane()
            throws Exception
    {
        Path workDir = temp.resolve("runs/trivial");
        Path eventLogs = temp.resolve("event-logs");
        DriverProcess driver = launcher.launch(request("trivial", "io.emrys.testjobs.Trivial", jobsJar.toString(), List.of(), workDir, eventLogs));
        assertThat(driver.pid()).isPositive();
        assertThat(driver.uiPort()).isPositive();
        assertThat(driver.size().vcpu()).isEqualTo(1.0);
        assertThat(driver.startedAt()).isBeforeOrEqualTo(Instant.now());

        // A restarted control plane (a second launcher) re-adopts the live driver by pid and work dir.
        try (DriverLauncher restarted = new DriverLauncher(DriverLauncherConfig.defaults(), Clock.systemUTC())) {
            Optional<DriverProcess> adopted = restarted.adopt(driver.pid(), workDir);
            assertThat(adopted).isPresent();
            assertThat(adopted.get().uiPort()).isEqualTo(driver.uiPort());

            DriverExit exit = driver.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(exit.exitCode()).as(stderrOf(workDir)).isZero();
            assertThat(exit.lastErrorLine()).isEmpty();
            assertThat(exit.endedAt()).isAfterOrEqualTo(driver.startedAt());
            assertThat(exit.size().diskGb()).isGreaterThanOrEqualTo(20);

            DriverExit adoptedExit = adopted.get().onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(adoptedExit.exitCode()).isZero();
        }

        assertThat(Files.readString(workDir.resolve("stdout"))).contains("Trivial counted 10 rows");
        assertThat(gunzip(workDir.resolve("logs/SPARK_DRIVER/stdout.gz"))).contains("Trivial counted 10 rows");
        assertThat(gunzip(workDir.resolve("logs/SPARK_DRIVER/stderr.gz"))).contains("SparkContext");
        try (Stream<Path> logs = Files.list(eventLogs)) {
            assertThat(logs.map(path -> path.getFileName().toString())).anyMatch(name -> name.contains("local-"));
        }

        // After the driver has gone, adoption reads the exit status the wrapper left behind.
        try (DriverLauncher restarted = new DriverLauncher(DriverLauncherConfig.defaults(), Clock.systemUTC())) {
            Optional<DriverProcess> ended = restarted.adopt(driver.pid(), workDir);
            assertThat(ended).isPresent();
            assertThat(ended.get().isAlive()).isFalse();
            assertThat(ended.get().onExit().get(10, TimeUnit.SECONDS).exitCode()).isZero();
        }
    }

    @Test
    void failingJobReportsNonZeroExitWithTheException()
            throws Exception
    {
        Path workDir = temp.resolve("runs/fails");
        DriverProcess driver = launcher.launch(request("fails", "io.emrys.testjobs.AlwaysFails", jobsJar.toString(), List.of(), workDir, temp.resolve("events")));

        DriverExit exit = driver.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(exit.exitCode()).isNotZero();
        assertThat(exit.lastErrorLine()).hasValue("java.lang.IllegalStateException: AlwaysFails failed on purpose");
        assertThat(workDir.resolve("logs/SPARK_DRIVER/stderr.gz")).exists();
    }

    @Test
    void missingLocalEntryPointFailsFastWithoutStartingJavaAndForgottenRunIsNotAdopted()
            throws Exception
    {
        Path workDir = temp.resolve("runs/missing");
        Path missing = temp.resolve("no-such-job.jar");
        DriverProcess driver = launcher.launch(request("missing", "io.emrys.testjobs.Trivial", missing.toString(), List.of(), workDir, temp.resolve("events")));

        DriverExit exit = driver.onExit().get(30, TimeUnit.SECONDS);

        assertThat(exit.exitCode()).isNotZero();
        assertThat(exit.lastErrorLine()).hasValueSatisfying(line -> assertThat(line).contains(missing.toString()).contains("does not exist"));

        // A work dir that never recorded an exit, whose pid is gone: the control plane lost it.
        Path forgotten = temp.resolve("runs/forgotten");
        Files.createDirectories(forgotten);
        Files.writeString(forgotten.resolve("driver.pid"), Long.toString(driver.pid()));
        assertThat(launcher.adopt(driver.pid(), forgotten)).isEmpty();
    }

    @Test
    void csvAggregateWritesParquet()
            throws Exception
    {
        Path input = temp.resolve("sales.csv");
        Files.writeString(input, "category,amount\nbooks,10\ntoys,5\nbooks,7\n", StandardCharsets.UTF_8);
        Path output = temp.resolve("totals.parquet");
        Path workDir = temp.resolve("runs/csv");

        DriverProcess driver = launcher.launch(request("csv", "io.emrys.testjobs.CsvAggregateToParquet", jobsJar.toString(),
                List.of(input.toString(), output.toString()), workDir, temp.resolve("events")));
        DriverExit exit = driver.onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(exit.exitCode()).as(stderrOf(workDir)).isZero();
        assertThat(output.resolve("_SUCCESS")).exists();
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files.map(path -> path.getFileName().toString())).anyMatch(name -> name.endsWith(".parquet"));
        }
        assertThat(Files.readString(workDir.resolve("stdout"))).contains("wrote 2 groups");
    }

    @Test
    void stopEndsALongRunningDriverAndAnAdoptionWithTheWrongWorkDirIsRefused()
            throws Exception
    {
        Path workDir = temp.resolve("runs/sleeper");
        DriverProcess driver = launcher.launch(request("sleeper", "io.emrys.testjobs.SleepThenCount", jobsJar.toString(), List.of("600"), workDir, temp.resolve("events")));
        await().atMost(EXIT_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.readString(workDir.resolve("stdout")).contains("sleeping"));

        // Its arguments and Java options are in an owner-only argument file, not on any command line ps shows.
        ProcessHandle jvm = ProcessHandle.of(driver.pid()).orElseThrow();
        for (ProcessHandle process : List.of(jvm, jvm.parent().orElseThrow())) {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline")).replace('\0', ' ');
            assertThat(commandLine).contains("@" + workDir.resolve(JavaArgumentFile.NAME)).doesNotContain("SleepThenCount").doesNotContain("--add-opens");
        }
        assertThat(launcher.adopt(driver.pid(), workDir)).as("the launcher still knows its own driver").isPresent();

        // The pid is alive but belongs to another run's work dir: not adopted.
        Path otherWorkDir = temp.resolve("runs/other");
        Files.createDirectories(otherWorkDir);
        assertThat(launcher.adopt(driver.pid(), otherWorkDir)).isEmpty();

        driver.stop(Duration.ofSeconds(10));
        DriverExit exit = driver.onExit().get(30, TimeUnit.SECONDS);

        assertThat(driver.isAlive()).isFalse();
        assertThat(exit.exitCode()).isEqualTo(143);
        assertThat(workDir.resolve("exit-code")).content().isEqualToIgnoringWhitespace("143");
    }

    private DriverLaunchRequest request(String runId, String mainClass, String entryPoint, List<String> arguments, Path workDir, Path eventLogs)
    {
        SparkSubmitParameters parameters = SparkSubmitParameters.parse("--class " + mainClass + " --conf spark.ui.showConsoleProgress=false");
        return new DriverLaunchRequest(runId, runtime, entryPoint, arguments, parameters, SparkConfiguration.EMPTY, workDir, eventLogs.toString(), Map.of());
    }

    private static String stderrOf(Path workDir)
    {
        try {
            return "driver stderr:\n" + Files.readString(workDir.resolve("stderr"));
        }
        catch (IOException e) {
            return "no driver stderr: " + e;
        }
    }

    private static String gunzip(Path file)
            throws IOException
    {
        try (InputStream input = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
