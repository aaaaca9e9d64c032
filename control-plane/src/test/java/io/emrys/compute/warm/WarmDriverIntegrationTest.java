package io.emrys.compute.warm;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.connect.ConnectServerProcess;
import io.emrys.compute.connect.ListeningSockets;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.DirectConnectCalls;
import io.emrys.testing.TestingSparkArtifacts;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkproject.io.grpc.Status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts three real warm drivers from the built runtime, all at once in {@code @BeforeAll} so that their start-ups
 * overlap, and hands each one piece of work: a job that succeeds, a job that throws, and a Spark Connect session.
 * The handoff times are printed for information; speed is measured in {@code bench/}, not asserted here.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class WarmDriverIntegrationTest
{
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    static Path temp;

    private static Path jobsJar;
    private static WarmDriverLauncher launcher;
    private static WarmDriver forJob;
    private static WarmDriver forFailingJob;
    private static WarmDriver forSession;

    @BeforeAll
    static void startWarmDrivers()
            throws Exception
    {
        SparkRuntime runtime = TestingSparkArtifacts.runtime();
        jobsJar = TestingSparkArtifacts.testJobsJar();
        launcher = new WarmDriverLauncher(DriverLauncherConfig.defaults().withDefaultDriverResources(1, new MemorySize(1024)), Clock.systemUTC());
        forJob = launcher.start(request(runtime, "warm-job"));
        forFailingJob = launcher.start(request(runtime, "warm-fails"));
        forSession = launcher.start(request(runtime, "warm-session"), WarmDriverWarmUp.SPARK_SQL_AND_CONNECT);
        // Handoff times printed below then do not include the other drivers' start-up on the same cores.
        CompletableFuture.allOf(forJob.ready(), forFailingJob.ready(), forSession.ready())
                .handle((ready, failure) -> null)
                .get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopWarmDrivers()
            throws Exception
    {
        for (WarmDriver driver : List.of(forJob, forFailingJob, forSession)) {
            if (driver != null) {
                driver.stop(Duration.ofSeconds(10));
                driver.process().onExit().handle((exit, failure) -> null).get(30, TimeUnit.SECONDS);
            }
        }
        launcher.close();
    }

    @Test
    void warmDriverRunsAJobOnItsReadySessionAndExitsWithItsOutcome()
            throws Exception
    {
        forJob.ready().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Path workDir = forJob.process().workDir();
        assertThat(forJob.applicationId()).hasValueSatisfying(id -> assertThat(id).startsWith("local-"));
        assertThat(workDir.resolve("warm-ready.json")).content().contains("\"appId\":\"" + forJob.applicationId().get() + "\"");
        assertThat(forJob.sparkProperties())
                .containsEntry("spark.master", "local[1]")
                .containsEntry("spark.connect.grpc.binding.address", "127.0.0.1");
        assertThat(forJob.process().isAlive()).isTrue();

        // A restarted control plane finds the same warm driver, ready, with the same settings and Connect port.
        try (WarmDriverLauncher restarted = new WarmDriverLauncher(DriverLauncherConfig.defaults(), Clock.systemUTC())) {
            Optional<WarmDriver> adopted = restarted.adopt(forJob.process().pid(), workDir);
            assertThat(adopted).isPresent();
            adopted.get().ready().get(10, TimeUnit.SECONDS);
            assertThat(adopted.get().applicationId()).isEqualTo(forJob.applicationId());
            assertThat(adopted.get().sparkProperties()).isEqualTo(forJob.sparkProperties());
            assertThat(adopted.get().grpcPort()).isEqualTo(forJob.grpcPort());
            assertThat(adopted.get().secret()).isEqualTo(forJob.secret());
        }

        long handoffNanos = System.nanoTime();
        forJob.runJob(jobsJar.toString(), Optional.of("io.emrys.testjobs.Trivial"), List.of("unused-argument"), Map.of("spark.sql.shuffle.partitions", "3"));
        DriverExit exit = forJob.process().onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        System.out.printf("Warm driver: runJob of Trivial to driver exit: %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - handoffNanos));

        assertThat(exit.exitCode()).as(stderrOf(workDir)).isZero();
        assertThat(exit.lastErrorLine()).isEmpty();
        assertThat(Files.readString(workDir.resolve("stdout"))).contains("Trivial counted 10 rows");
        assertThat(Files.readString(workDir.resolve("stderr")))
                .contains("Emrys: warm driver " + forJob.applicationId().get() + " took job run io.emrys.testjobs.Trivial")
                .contains("runtime SQL settings: spark.sql.shuffle.partitions)");
        assertThat(workDir.resolve("logs/SPARK_DRIVER/stdout.gz")).exists();
        // The assignment may carry secrets in its arguments and settings.
        assertThat(Files.getPosixFilePermissions(workDir.resolve("assignment.properties"))).hasSize(2);

        assertThatThrownBy(() -> forJob.runJob(jobsJar.toString(), Optional.empty(), List.of(), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already handed work");
        // Adopted after its job, it remembers that it was handed work and how it ended.
        try (WarmDriverLauncher restarted = new WarmDriverLauncher(DriverLauncherConfig.defaults(), Clock.systemUTC())) {
            WarmDriver adopted = restarted.adopt(forJob.process().pid(), workDir).orElseThrow();
            assertThat(adopted.process().onExit().get(10, TimeUnit.SECONDS).exitCode()).isZero();
            assertThatThrownBy(adopted::serveSession).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void jobWhoseMainThrowsExitsWithOneAndTheExceptionAsItsLastErrorLine()
            throws Exception
    {
        forFailingJob.ready().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        forFailingJob.runJob("file:" + jobsJar, Optional.of("io.emrys.testjobs.AlwaysFails"), List.of(), Map.of());
        DriverExit exit = forFailingJob.process().onExit().get(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(exit.exitCode()).isEqualTo(1);
        assertThat(exit.lastErrorLine()).hasValue("java.lang.IllegalStateException: AlwaysFails failed on purpose");
        assertThat(Files.readString(forFailingJob.process().workDir().resolve("stderr")))
                .contains("Exception in thread \"main\" java.lang.IllegalStateException: AlwaysFails failed on purpose");
    }

    @Test
    void warmDriverServesASparkConnectSessionOnLoopback()
            throws Exception
    {
        forSession.ready().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(Files.readString(forSession.process().workDir().resolve("stderr"))).contains("ran its Spark Connect warm-up");

        long handoffNanos = System.nanoTime();
        ConnectServerProcess server = forSession.serveSession();
        server.ready().get(60, TimeUnit.SECONDS);
        long readyNanos = System.nanoTime();
        // the secret was chosen when the driver started, before it was handed a session; nothing gets in without it
        assertThat(server.secret()).isEqualTo(forSession.secret());
        assertThat(DirectConnectCalls.sparkVersionCall(server.grpcPort(), Optional.empty())).isEqualTo(Status.Code.UNAUTHENTICATED);
        // "localhost": with a token anywhere else the client insists on TLS
        try (SparkSession spark = SparkSession.builder().remote("sc://localhost:" + server.grpcPort() + "/;token=" + server.secret().value()).create()) {
            List<Row> rows = spark.sql("SELECT 1 AS one").collectAsList();
            long answeredNanos = System.nanoTime();
            List<Row> again = spark.sql("SELECT 2 AS two").collectAsList();
            System.out.printf("Warm driver: serveSession to Spark Connect ready: %d ms, then the first SELECT 1 (new client in this JVM): %d ms, "
                    + "a second query: %d ms%n", TimeUnit.NANOSECONDS.toMillis(readyNanos - handoffNanos),
                    TimeUnit.NANOSECONDS.toMillis(answeredNanos - readyNanos), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answeredNanos));
            assertThat(again).singleElement().satisfies(row -> assertThat(row.getInt(0)).isEqualTo(2));
            assertThat(rows).singleElement().satisfies(row -> assertThat(row.getInt(0)).isEqualTo(1));
        }
        assertThat(server.grpcPort()).isEqualTo(forSession.grpcPort());
        assertThat(ListeningSockets.of(server.pid())).as("listening sockets of pid %d", server.pid())
                .allSatisfy(listener -> assertThat(listener.isIpv4Loopback()).as(listener.toString()).isTrue())
                .extracting(ListeningSockets.Listener::port)
                .contains(server.grpcPort());

        server.stop(Duration.ofSeconds(20));
        CompletableFuture<DriverExit> exit = server.onExit();
        assertThat(exit.get(60, TimeUnit.SECONDS).exitCode()).isEqualTo(143);
    }

    private static DriverLaunchRequest request(SparkRuntime runtime, String id)
    {
        return new DriverLaunchRequest(id, runtime, "spark-internal", List.of(), SparkSubmitParameters.parse("--conf spark.ui.showConsoleProgress=false"),
                SparkConfiguration.EMPTY, temp.resolve("warm").resolve(id), temp.resolve("event-logs").toString(), Map.of());
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
}
