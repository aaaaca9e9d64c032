package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.WorkerType;
import io.emrys.compute.runtime.ReleasePins;
import io.emrys.testing.DirectConnectCalls;
import io.emrys.testing.GatewayTrustStore;
import io.emrys.testing.SignedHttp;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingDatabases;
import io.emrys.testing.TestingEmrys;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.sparkproject.io.grpc.Status;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;

/**
 * A local user who skips the gateway and calls a session driver's loopback gRPC port straight away is refused
 * (UNAUTHENTICATED), while the same session answers through the gateway: on Spark 4 with a pre-initialized driver
 * (whose secret was chosen before the session existed), and on the Spark 3.5 line, where the driver agent's
 * interceptor does the check. PySpark through the gateway on both lines is PythonSessionClientIntegrationTest's.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectDriverBypassIntegrationTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;

    private TestingEmrys emrys;
    private SignedHttp http;
    private GatewayTrustStore trustedGateway;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withRuntimes(ReleasePins.parse(List.of("emr-7.13.0=3.5.5")), false));
        role = emrys.executionRoleArn();
        http = new SignedHttp(emrys.apiEndpoint(), emrys.credentials());
        // the Spark Connect JVM client only reads the JVM-wide trust store
        trustedGateway = GatewayTrustStore.trust(emrys.server().gatewayTrustStore().orElseThrow());
    }

    @AfterAll
    void stopServer()
    {
        try {
            emrys.close();
        }
        finally {
            trustedGateway.close();
        }
    }

    @Test
    void preInitializedSpark4DriverRefusesDirectCallsAndAnswersThroughTheGateway()
            throws Exception
    {
        ObjectNode warm = application("warm", "emr-spark-8.0");
        ObjectNode initial = warm.putObject("initialCapacity");
        for (String type : List.of("DRIVER", "EXECUTOR")) {
            initial.putObject(type).put("workerCount", 1).putObject("workerConfiguration").put("cpu", "1 vCPU").put("memory", "1 GB");
        }
        warm.putObject("maximumCapacity").put("cpu", "4 vCPU").put("memory", "8 GB").put("disk", "200 GB");
        String applicationId = json(http.send("POST", "/applications", warm.toString())).path("applicationId").asText();
        try (EmrServerlessClient client = emrys.serverlessClient()) {
            client.startApplication(request -> request.applicationId(applicationId));
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> client.getApplication(request -> request.applicationId(applicationId)).application().state() == ApplicationState.STARTED);
        }
        // a pre-initialized driver is ready after its warm-up (a Connect server and the common paths): minutes on a loaded machine
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(500)).until(() -> readyWarmDrivers(applicationId) == 1);
        String sessionId = startSession(applicationId, "warm-session");
        try {
            assertThat(TestingDatabases.workers(emrys.dataDir(), applicationId))
                    .filteredOn(worker -> worker.workerId().startsWith(sessionId) && worker.type() == WorkerType.DRIVER)
                    .singleElement().as("the session's driver is the pre-initialized one").satisfies(driver -> assertThat(driver.preInitialized()).isTrue());
            int driverPort = TestingDatabases.sessionDriver(emrys.dataDir(), sessionId).grpcPort();

            assertThat(DirectConnectCalls.sparkVersionCall(driverPort, Optional.empty())).isEqualTo(Status.Code.UNAUTHENTICATED);
            // the session's own endpoint token opens the gateway, not the driver
            assertThat(DirectConnectCalls.sparkVersionCall(driverPort, Optional.of("Bearer " + endpointToken(applicationId, sessionId))))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(selectOneThroughTheGateway(applicationId, sessionId)).isEqualTo(1);
        }
        finally {
            json(http.send("DELETE", "/applications/" + applicationId + "/sessions/" + sessionId, null));
        }
    }

    @Test
    void spark35DriverRefusesDirectCallsWithoutItsSecretAndAnswersThroughTheGateway()
            throws Exception
    {
        String applicationId = json(http.send("POST", "/applications", application("seven", "emr-7.13.0").toString())).path("applicationId").asText();
        String sessionId = startSession(applicationId, "seven-session");
        try {
            TestingDatabases.SessionDriver driver = TestingDatabases.sessionDriver(emrys.dataDir(), sessionId);

            assertThat(DirectConnectCalls.sparkVersionCall(driver.grpcPort(), Optional.empty())).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(DirectConnectCalls.sparkVersionCall(driver.grpcPort(), Optional.of("Bearer " + endpointToken(applicationId, sessionId))))
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
            // the interceptor lets the right secret in (read here as the driver's owner reads its own file)
            assertThat(DirectConnectCalls.sparkVersionCall(driver.grpcPort(), Optional.of("Bearer " + secretOf(driver)))).isEqualTo(Status.Code.OK);
            assertThat(selectOneThroughTheGateway(applicationId, sessionId)).isEqualTo(1);
            assertThat(Files.readString(driver.workDir().resolve("stderr"))).as("the driver's log").doesNotContain(secretOf(driver));
        }
        finally {
            json(http.send("DELETE", "/applications/" + applicationId + "/sessions/" + sessionId, null));
        }
    }

    /** Warm drivers that have reported ready and not been handed work (the pool's work dirs). */
    private long readyWarmDrivers(String applicationId)
            throws Exception
    {
        Path pool = emrys.dataDir().resolve("pool").resolve(applicationId);
        if (!Files.isDirectory(pool)) {
            return 0;
        }
        try (Stream<Path> dirs = Files.list(pool)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("warm-"))
                    .filter(dir -> Files.exists(dir.resolve("warm-ready.json")) && !Files.exists(dir.resolve("assignment.properties")))
                    .filter(dir -> !Files.exists(dir.resolve("exit-code")))
                    .count();
        }
    }

    private static ObjectNode application(String name, String releaseLabel)
    {
        ObjectNode application = JSON.createObjectNode().put("name", name).put("releaseLabel", releaseLabel).put("type", "SPARK").put("clientToken", name);
        application.putObject("interactiveConfiguration").put("sessionEnabled", true);
        return application;
    }

    private String startSession(String applicationId, String clientToken)
            throws Exception
    {
        ObjectNode start = JSON.createObjectNode().put("executionRoleArn", role).put("clientToken", clientToken);
        String sessionId = json(http.send("POST", "/applications/" + applicationId + "/sessions", start.toString())).path("sessionId").asText();
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(300)).until(() ->
                "IDLE".equals(json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId, null)).path("session").path("state").asText()));
        return sessionId;
    }

    private String endpointToken(String applicationId, String sessionId)
            throws Exception
    {
        return json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint", null)).path("authToken").asText();
    }

    private int selectOneThroughTheGateway(String applicationId, String sessionId)
            throws Exception
    {
        JsonNode endpoint = json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint", null));
        URI url = URI.create(endpoint.path("endpoint").asText());
        try (SparkSession spark = SparkSession.builder().remote("sc://" + url.getHost() + ":" + url.getPort() + "/;use_ssl=true;x-aws-proxy-auth="
                + endpoint.path("authToken").asText()).create()) {
            List<Row> rows = spark.sql("SELECT 1 AS one").collectAsList();
            assertThat(rows).hasSize(1);
            return rows.get(0).getInt(0);
        }
    }

    private static String secretOf(TestingDatabases.SessionDriver driver)
            throws Exception
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(driver.workDir().resolve("spark.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties.getProperty("spark.connect.authenticate.token");
    }

    private static JsonNode json(HttpResponse<String> response)
            throws Exception
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
