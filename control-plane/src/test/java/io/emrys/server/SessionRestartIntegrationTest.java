package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.WorkerType;
import io.emrys.gateway.GatewayTls;
import io.emrys.metering.WorkerRecord;
import io.emrys.testing.EmrysProcess;
import io.emrys.testing.GatewayTrustStore;
import io.emrys.testing.SignedHttp;
import io.emrys.testing.TestingDatabases;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the control plane while a Spark Connect session is live: after a restart the session's driver is
 * re-adopted, answers through the gateway with a new token, holds its capacity again, and once terminated leaves
 * every one of its worker records closed and nothing running.
 */
@Timeout(600)
class SessionRestartIntegrationTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void liveSessionIsReadoptedWithItsCapacityAndRecordsAfterAKilledControlPlane()
            throws Exception
    {
        try (EmrysProcess emrys = new EmrysProcess(dataDir).start()) {
            SignedHttp http = new SignedHttp(emrys.apiEndpoint(), emrys.credentials());
            ObjectNode create = JSON.createObjectNode().put("clientToken", "restart-application").put("name", "restart-session").put("releaseLabel", "emr-spark-8.0").put("type", "SPARK");
            create.putObject("interactiveConfiguration").put("sessionEnabled", true);
            String applicationId = json(http.send("POST", "/applications", create.toString())).path("applicationId").asText();
            ObjectNode start = JSON.createObjectNode().put("executionRoleArn", emrys.executionRoleArn()).put("clientToken", "restart-session");
            String sessionId = json(http.send("POST", "/applications/" + applicationId + "/sessions", start.toString())).path("sessionId").asText();
            awaitSessionState(http, applicationId, sessionId, "IDLE");
            // the Spark Connect JVM client only reads the JVM-wide trust store
            try (GatewayTrustStore trusted = GatewayTrustStore.trust(emrys.gatewayTrustStore())) {
                checkReadoption(emrys, http, applicationId, sessionId);
            }
        }
    }

    private static void checkReadoption(EmrysProcess emrys, SignedHttp beforeKill, String applicationId, String sessionId)
            throws Exception
    {
        assertThat(countThroughGateway(beforeKill, applicationId, sessionId)).isEqualTo(1000);
        double reservedBefore = usage(beforeKill, applicationId).path("reserved").path("vCPU").asDouble();
        assertThat(reservedBefore).as("a live session holds its driver and executor ceiling").isGreaterThan(0);

        emrys.kill();
        emrys.start();
        SignedHttp http = new SignedHttp(emrys.apiEndpoint(), emrys.credentials());

        awaitSessionState(http, applicationId, sessionId, "IDLE");
        assertThat(usage(http, applicationId).path("reserved").path("vCPU").asDouble())
                .as("the re-adopted session's capacity is reserved again").isEqualTo(reservedBefore);
        assertThat(countThroughGateway(http, applicationId, sessionId)).as("a new token, through the restarted gateway").isEqualTo(1000);
        assertThat(sessionWorkers(emrys, applicationId, sessionId)).extracting(WorkerRecord::type).contains(WorkerType.DRIVER, WorkerType.EXECUTOR);

        json(http.send("DELETE", "/applications/" + applicationId + "/sessions/" + sessionId, null));
        awaitSessionState(http, applicationId, sessionId, "TERMINATED");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(sessionWorkers(emrys, applicationId, sessionId)).allSatisfy(worker ->
                        assertThat(worker.stoppedAt()).as(worker.workerId()).isPresent()));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode usage = usage(http, applicationId);
            assertThat(usage.path("current").path("workers").asInt()).as(usage.toString()).isZero();
            assertThat(usage.path("reserved").path("vCPU").asDouble()).as(usage.toString()).isZero();
        });
    }

    private static long countThroughGateway(SignedHttp http, String applicationId, String sessionId)
            throws Exception
    {
        JsonNode endpoint = json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint", null));
        URI url = URI.create(endpoint.path("endpoint").asText());
        try (SparkSession spark = SparkSession.builder().remote("sc://" + url.getHost() + ":" + url.getPort() + "/;use_ssl=true;x-aws-proxy-auth="
                + endpoint.path("authToken").asText()).create()) {
            // a shuffle, so the session's executors run tasks
            return spark.range(0, 1000, 1, 4).groupBy().count().collectAsList().get(0).getLong(0);
        }
    }

    private static List<WorkerRecord> sessionWorkers(EmrysProcess emrys, String applicationId, String sessionId)
    {
        List<WorkerRecord> all = TestingDatabases.workers(emrys.dataDir(), applicationId);
        return all.stream().filter(worker -> worker.workerId().startsWith(sessionId)).toList();
    }

    private static JsonNode usage(SignedHttp http, String applicationId)
            throws Exception
    {
        return json(http.send("GET", "/usage/applications/" + applicationId, null));
    }

    private static void awaitSessionState(SignedHttp http, String applicationId, String sessionId, String state)
    {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() ->
                state.equals(json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId, null)).path("session").path("state").asText()));
    }

    private static JsonNode json(HttpResponse<String> response)
            throws Exception
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
