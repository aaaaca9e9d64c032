package io.emrys.compute.connect;

import io.emrys.common.ConnectSecret;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.testing.DirectConnectCalls;
import io.emrys.testing.TestingSparkArtifacts;
import org.junit.jupiter.api.AfterAll;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparkproject.io.grpc.Status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Starts real Spark 4.0.1 Connect servers from the built runtime: two launches in all, each checking several
 * behaviours, because a Spark JVM is expensive on a small machine. They run in order: the first server records
 * the class-data archive the second one maps.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectServerLauncherIntegrationTest
{
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private static SparkRuntime runtime;
    private static ConnectServerLauncher launcher;

    @TempDir
    static Path classArchives;
    @TempDir
    Path temp;

    @BeforeAll
    static void findRuntime()
    {
        runtime = TestingSparkArtifacts.runtime();
        launcher = new ConnectServerLauncher(DriverLauncherConfig.defaults().withDefaultDriverResources(1, new MemorySize(1024)), Clock.systemUTC(),
                Optional.of(classArchives), Duration.ofMillis(100));
    }

    @AfterAll
    static void closeLauncher()
    {
        launcher.close();
    }

    @Test
    @Order(1)
    void serverBecomesReadyOnLoopbackOnlyIsAdoptedAndStops()
            throws Exception
    {
        Path workDir = temp.resolve("sessions/ready");
        Path eventLogs = temp.resolve("event-logs");
        long startNanos = System.nanoTime();
        ConnectServerProcess server = launcher.launch(request("ready", SparkConfiguration.EMPTY, workDir, eventLogs));
        try {
            assertThat(server.pid()).isPositive();
            assertThat(server.grpcPort()).isPositive().isNotEqualTo(server.uiPort());
            assertThat(server.size().vcpu()).isEqualTo(1.0);
            assertThat(server.size().memoryGb()).isEqualTo(1.0);

            server.ready().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Duration coldStart = Duration.ofNanos(System.nanoTime() - startNanos);
            System.out.printf("Spark Connect server cold start (launch to gRPC port accepting): %d ms%n", coldStart.toMillis());

            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.grpcPort()), 5_000);
                assertThat(socket.isConnected()).isTrue();
            }

            // Only calls that carry the server's secret get in: with none or another one, Spark refuses them.
            assertThat(DirectConnectCalls.sparkVersionCall(server.grpcPort(), Optional.empty())).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(DirectConnectCalls.sparkVersionCall(server.grpcPort(), Optional.of("Bearer " + ConnectSecret.random().value())))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(DirectConnectCalls.sparkVersionCall(server.grpcPort(), Optional.of("Bearer " + server.secret().value()))).isEqualTo(Status.Code.OK);
            assertThat(Files.readString(workDir.resolve("java.args"))).doesNotContain(server.secret().value());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("spark.properties")))).isEqualTo("rw-------");

            // A real Spark Connect client with the secret runs SQL on it ("localhost": a token elsewhere makes the client insist on TLS).
            try (SparkSession spark = SparkSession.builder().remote("sc://localhost:" + server.grpcPort() + "/;token=" + server.secret().value()).create()) {
                List<Row> rows = spark.sql("SELECT 1 AS one").collectAsList();
                assertThat(rows).singleElement().satisfies(row -> assertThat(row.getInt(0)).isEqualTo(1));
            }

            List<ListeningSockets.Listener> listeners = ListeningSockets.of(server.pid());
            assertThat(listeners).as("listening sockets of pid %d", server.pid())
                    .extracting(ListeningSockets.Listener::port)
                    .contains(server.grpcPort(), server.uiPort());
            assertThat(listeners).allSatisfy(listener -> assertThat(listener.isIpv4Loopback()).as(listener.toString()).isTrue());

            // A restarted control plane finds the same server, gRPC port included, and sees it ready at once.
            try (ConnectServerLauncher restarted = new ConnectServerLauncher(DriverLauncherConfig.defaults(), Clock.systemUTC())) {
                Optional<ConnectServerProcess> adopted = restarted.adopt(server.pid(), workDir);
                assertThat(adopted).isPresent();
                assertThat(adopted.get().grpcPort()).isEqualTo(server.grpcPort());
                assertThat(adopted.get().secret()).isEqualTo(server.secret());
                assertThat(adopted.get().uiPort()).isEqualTo(server.uiPort());
                adopted.get().ready().get(10, TimeUnit.SECONDS);
            }
        }
        finally {
            server.stop(Duration.ofSeconds(20));
        }

        DriverExit exit = server.onExit().get(60, TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isEqualTo(143);
        assertThat(exit.endedAt()).isNotNull();
        assertThat(server.isAlive()).isFalse();
        assertThat(workDir.resolve("exit-code")).content().isEqualToIgnoringWhitespace("143");
        assertThat(workDir.resolve("logs/SPARK_DRIVER/stderr.gz")).exists();
        assertThat(Files.readString(workDir.resolve("stderr"))).contains("SparkConnectServer").doesNotContain(server.secret().value());
        try (Stream<Path> logs = Files.list(eventLogs)) {
            assertThat(logs.map(path -> path.getFileName().toString())).anyMatch(name -> name.contains("local-"));
        }
        // The classes this server loaded were recorded at its exit and are now shared.
        await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(workDir.resolve("classes.jsa")));
        try (Stream<Path> archives = Files.list(classArchives)) {
            assertThat(archives.map(path -> path.getFileName().toString())).singleElement(as(InstanceOfAssertFactories.STRING))
                    .startsWith("connect-emr-spark-8.0-").endsWith(".jsa");
        }
    }

    @Test
    @Order(2)
    void serverThatDiesAtStartupFailsReadinessWithTheReason()
            throws Exception
    {
        Path workDir = temp.resolve("sessions/broken");
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.serializer", "io.emrys.NoSuchSerializer"), Map.of(), Map.of());
        ConnectServerProcess server = launcher.launch(request("broken", configuration, workDir, temp.resolve("events")));

        assertThatThrownBy(() -> server.ready().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(ConnectServerFailedException.class)
                .hasMessageStartingWith("The Spark Connect server exited with code 1 before accepting connections: ")
                .hasMessageContaining("io.emrys.NoSuchSerializer");
        assertThat(server.onExit().get(30, TimeUnit.SECONDS).exitCode()).isNotZero();
        // It mapped the first server's archive rather than recording one.
        assertThat(workDir.resolve("classes.jsa.target")).doesNotExist();
        assertThat(workDir.resolve("classes.jsa")).doesNotExist();
    }

    @Test
    void reservedPropertyIsRefusedBeforeAnythingIsWritten()
    {
        Path workDir = temp.resolve("sessions/reserved");
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.connect.grpc.binding.address", "0.0.0.0"), Map.of(), Map.of());

        assertThatThrownBy(() -> launcher.launch(request("reserved", configuration, workDir, temp.resolve("events"))))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("spark.connect.grpc.binding.address");
        assertThat(workDir).doesNotExist();
    }

    @Test
    void workDirOfAnotherKindIsNotAdopted()
            throws IOException
    {
        Path workDir = temp.resolve("runs/job");
        Files.createDirectories(workDir);
        Files.writeString(workDir.resolve("spark.properties"), "spark.master=local[1]\n");

        assertThat(launcher.adopt(ProcessHandle.current().pid(), workDir)).isEmpty();
    }

    private static ConnectServerLaunchRequest request(String sessionId, SparkConfiguration configuration, Path workDir, Path eventLogs)
    {
        return new ConnectServerLaunchRequest(sessionId, runtime, configuration, workDir, eventLogs.toString(), "/dashboard/" + sessionId, Map.of());
    }
}
