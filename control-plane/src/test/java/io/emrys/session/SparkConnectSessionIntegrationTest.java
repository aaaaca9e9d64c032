package io.emrys.session;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.testing.DirectConnectCalls;
import io.emrys.testing.GatewayTrustStore;
import io.emrys.testing.SignedHttp;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingDatabases;
import io.emrys.testing.TestingEmrys;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.sparkproject.io.grpc.Status;

/**
 * An interactive session end to end: StartSession, GetSessionEndpoint, then the Spark Connect JVM client through the
 * Emrys gateway over TLS with the session's token, as the seed's connection string has it; then termination.
 * One session (one Spark Connect driver) for the class.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkConnectSessionIntegrationTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;

    private TestingEmrys emrys;
    private SignedHttp http;
    private String applicationId;
    private String sessionId;
    private String token;
    private SparkSession spark;
    private GatewayTrustStore trustedGateway;

    @BeforeAll
    void startSession()
            throws Exception
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        role = emrys.executionRoleArn();
        http = new SignedHttp(emrys.apiEndpoint(), emrys.credentials());
        ObjectNode application = JSON.createObjectNode().put("name", "interactive").put("releaseLabel", "emr-spark-8.0").put("type", "SPARK").put("clientToken", "app-1");
        application.putObject("interactiveConfiguration").put("sessionEnabled", true);
        application.putObject("monitoringConfiguration").putObject("s3MonitoringConfiguration").put("logUri", "s3://tables/logs/");
        applicationId = json(http.send("POST", "/applications", application.toString())).path("applicationId").asText();
        emrys.s3Client().createBucket(request -> request.bucket("tables"));

        ObjectNode start = JSON.createObjectNode().put("executionRoleArn", role).put("name", "notebook").put("clientToken", "session-1");
        start.putObject("configurationOverrides").putArray("runtimeConfiguration").addObject()
                .put("classification", "spark-defaults").putObject("properties").put("spark.sql.shuffle.partitions", "2");
        sessionId = json(http.send("POST", "/applications/" + applicationId + "/sessions", start.toString())).path("sessionId").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300)).until(() -> "IDLE".equals(session().path("state").asText()));

        JsonNode endpoint = json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint", null));
        token = endpoint.path("authToken").asText();
        URI url = URI.create(endpoint.path("endpoint").asText());
        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(endpoint.path("authTokenExpiresAt").isNumber()).isTrue();

        // for the whole class: the Spark Connect JVM client only reads the JVM-wide trust store, and tests connect again
        trustedGateway = GatewayTrustStore.trust(emrys.server().gatewayTrustStore().orElseThrow());
        // the connection string of the seed's sample code, built from the endpoint's host and port
        spark = connect("sc://" + url.getHost() + ":" + url.getPort() + "/;use_ssl=true;x-aws-proxy-auth=" + token);
    }

    @AfterAll
    void stop()
    {
        try {
            if (spark != null) {
                spark.close();
            }
            emrys.close();
        }
        finally {
            if (trustedGateway != null) {
                trustedGateway.close();
            }
        }
    }

    @Test
    @Order(1)
    void runsSqlThroughTheGateway()
    {
        assertThat(spark.sql("SELECT 1 + 1 AS two").collectAsList().get(0).getInt(0)).isEqualTo(2);
        assertThat(spark.conf().get("spark.sql.shuffle.partitions")).as("the session's runtime configuration applies").isEqualTo("2");
    }

    @Test
    @Order(2)
    void runsADataFramePipelineAndAVariantQuery()
    {
        List<Row> buckets = spark.range(1000).withColumn("bucket", col("id").mod(lit(4))).groupBy(col("bucket"))
                .agg(count(lit(1)).as("n")).orderBy(col("bucket")).collectAsList();
        assertThat(buckets).hasSize(4).allSatisfy(row -> assertThat(row.getLong(1)).isEqualTo(250));

        Row variant = spark.sql("SELECT variant_get(parse_json('{\"a\": {\"b\": [1, 2, 3]}}'), '$.a.b[2]', 'int') AS v").collectAsList().get(0);
        assertThat(variant.getInt(0)).isEqualTo(3);
    }

    @Test
    @Order(3)
    void writesAndReadsATableOnS3()
    {
        spark.range(500).withColumn("square", col("id").multiply(col("id"))).write().mode("overwrite").parquet("s3://tables/squares");

        assertThat(spark.read().parquet("s3://tables/squares").count()).isEqualTo(500);
        assertThat(spark.read().parquet("s3a://tables/squares").where(col("id").equalTo(lit(20))).collectAsList().get(0).getLong(1)).isEqualTo(400);
    }

    @Test
    @Order(4)
    void collectsAMillionRows()
            throws Exception
    {
        List<Row> rows = spark.range(1_000_000).toDF().collectAsList();

        assertThat(rows).hasSize(1_000_000);
        assertThat(rows.get(999_999).getLong(0)).isEqualTo(999_999);
        await().atMost(Duration.ofSeconds(30)).until(() -> "IDLE".equals(session().path("state").asText()));
        assertThat(session().path("idleSince").isNumber()).isTrue();
    }

    @Test
    @Order(5)
    void refusesMissingAndWrongTokens()
            throws Exception
    {
        URI url = URI.create(json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint", null)).path("endpoint").asText());
        String base = "sc://" + url.getHost() + ":" + url.getPort() + "/;use_ssl=true";
        for (String connection : List.of(base, base + ";token=wrong-token", base + ";x-aws-proxy-auth=wrong-token")) {
            assertRefused(connection);
        }
        // nor can a local user skip the gateway: the driver's own port wants the driver's secret, not the session's token
        int driverPort = TestingDatabases.sessionDriver(emrys.dataDir(), sessionId).grpcPort();
        assertThat(DirectConnectCalls.sparkVersionCall(driverPort, Optional.empty())).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(DirectConnectCalls.sparkVersionCall(driverPort, Optional.of("Bearer " + token))).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    @Order(6)
    void terminatedSessionRefusesItsTokenAndKeepsItsHistoryUi()
            throws Exception
    {
        json(http.send("DELETE", "/applications/" + applicationId + "/sessions/" + sessionId, null));
        await().atMost(Duration.ofMinutes(1)).until(() -> "TERMINATED".equals(session().path("state").asText()));

        URI url = URI.create(emrys.server().gatewayEndpoint().toString());
        assertRefused("sc://" + url.getHost() + ":" + url.getPort() + "/;use_ssl=true;x-aws-proxy-auth=" + token);
        HttpResponse<String> endpoint = http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId + "/endpoint", null);
        assertThat(endpoint.statusCode()).isEqualTo(400);

        JsonNode session = session();
        assertThat(session.path("endedAt").isNumber()).isTrue();
        assertThat(session.path("totalResourceUtilization").path("vCPUHour").asDouble()).isPositive();
        assertThat(session.path("billedResourceUtilization").path("vCPUHour").asDouble()).isPositive();
        String dashboard = json(http.send("GET", "/applications/" + applicationId + "/dashboard?resourceType=SESSION&resourceId=" + sessionId, null))
                .path("url").asText();
        assertThat(dashboard).startsWith(emrys.apiEndpoint() + "/dashboard/");
        String logs = "logs/applications/" + applicationId + "/sessions/" + sessionId + "/SPARK_DRIVER/";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(emrys.s3Client()
                .listObjectsV2(request -> request.bucket("tables").prefix(logs)).contents())
                .extracting(software.amazon.awssdk.services.s3.model.S3Object::key)
                .contains(logs + "stdout.gz", logs + "stderr.gz"));
    }

    private void assertRefused(String connection)
    {
        SparkSession client = connect(connection);
        try {
            Throwable failure = catchThrowable(() -> client.sql("SELECT 1").collectAsList());
            assertThat(failure).as(connection).isNotNull();
            List<String> messages = new ArrayList<>();
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                messages.add(String.valueOf(cause.getMessage()));
            }
            assertThat(messages).as(connection).anyMatch(message -> message.contains("UNAUTHENTICATED"));
        }
        finally {
            client.close();
        }
    }

    private JsonNode session()
            throws Exception
    {
        return json(http.send("GET", "/applications/" + applicationId + "/sessions/" + sessionId, null)).path("session");
    }

    private static SparkSession connect(String connection)
    {
        return SparkSession.builder().remote(connection).create();
    }

    private static JsonNode json(HttpResponse<String> response)
            throws Exception
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
