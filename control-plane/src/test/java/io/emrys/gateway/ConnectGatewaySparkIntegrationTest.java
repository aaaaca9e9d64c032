package io.emrys.gateway;

import io.emrys.common.ConnectSecret;
import io.emrys.testing.GatewayTrustStore;
import io.emrys.testing.TestingClock;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A real Spark Connect client (the JVM client 4.0.4) through the gateway over TLS, in front of a real Spark Connect
 * server (Spark 4.0.1 from the runtime, a child JVM). The client trusts the gateway's generated CA through
 * {@code javax.net.ssl.trustStore}, as a user would. One Spark server and one gateway serve the whole class.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectGatewaySparkIntegrationTest
{
    private static final String TOKEN_A = "tokenA-5f2c9d7e1b3a48f6";
    private static final String TOKEN_B = "tokenB-8e4a1c6f2d9b37a5";
    private static final String EXPIRED = "tokenX-1a2b3c4d5e6f7a8b";

    @TempDir
    static Path data;

    private final TestingClock clock = TestingClock.followingSystemTime();
    private final RecordingActivity calls = new RecordingActivity();
    private final List<String> states = new ArrayList<>();
    private final BusyIdleTracker tracker = new BusyIdleTracker(new BusyIdleTracker.Listener()
    {
        @Override
        public void busy(String sessionId)
        {
            synchronized (states) {
                states.add("BUSY " + sessionId);
            }
        }

        @Override
        public void idle(String sessionId)
        {
            synchronized (states) {
                states.add("IDLE " + sessionId);
            }
        }
    });
    private SparkConnectServerProcess spark;
    private FakeDriver otherDriver;
    private ConnectGateway gateway;
    private SparkSession session;
    private GatewayTrustStore trustedGateway;

    @BeforeAll
    void start()
            throws Exception
    {
        Path sparkWork = Files.createDirectories(data.resolve("spark"));
        spark = SparkConnectServerProcess.start(sparkWork, Duration.ofSeconds(120));
        otherDriver = new FakeDriver();
        FakeSessionTokens tokens = new FakeSessionTokens(clock);
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
        tokens.grant(TOKEN_A, new SessionTarget("sessiona", spark.port(), ConnectSecret.random()), tomorrow);
        tokens.grant(TOKEN_B, new SessionTarget("sessionb", otherDriver.port(), ConnectSecret.random()), tomorrow);
        tokens.grant(EXPIRED, new SessionTarget("sessiona", spark.port(), ConnectSecret.random()), clock.instant().minusSeconds(60));
        SessionActivity both = new SessionActivity()
        {
            @Override
            public void callStarted(String sessionId, String method)
            {
                calls.callStarted(sessionId, method);
                tracker.callStarted(sessionId, method);
            }

            @Override
            public void callEnded(String sessionId, String method)
            {
                calls.callEnded(sessionId, method);
                tracker.callEnded(sessionId, method);
            }
        };
        gateway = ConnectGateway.start(GatewayConfig.tls(0, data.resolve("tls")), tokens, both, clock);

        // What a JVM user does to trust the gateway (GatewayTls documents it); restored after the class.
        trustedGateway = GatewayTrustStore.trust(gateway.tls().orElseThrow().truststore());

        // The documented form: GetSessionEndpoint's endpoint plus ;x-aws-proxy-auth=TOKEN
        session = connect(gateway.userEndpoint().connectionString("sessiona", TOKEN_A));
    }

    @AfterAll
    void stop()
    {
        try {
            if (session != null) {
                session.close();
            }
            if (gateway != null) {
                gateway.close();
            }
            if (otherDriver != null) {
                otherDriver.close();
            }
        }
        finally {
            if (spark != null) {
                spark.close();
            }
            if (trustedGateway != null) {
                trustedGateway.close();
            }
        }
    }

    @Test
    void runsSqlWithABearerToken()
    {
        SparkSession bearer = connect("sc://localhost:" + gateway.port() + "/;use_ssl=true;token=" + TOKEN_A);
        try {
            List<Row> rows = bearer.sql("SELECT 1 + 1 AS two").collectAsList();
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).getInt(0)).isEqualTo(2);
        }
        finally {
            bearer.close();
        }
    }

    @Test
    void runsADataFramePipeline()
    {
        List<Row> rows = session.range(1000)
                .withColumn("bucket", col("id").mod(lit(4)))
                .groupBy(col("bucket"))
                .agg(count(lit(1)).as("n"), sum(col("id")).as("total"))
                .orderBy(col("bucket"))
                .collectAsList();

        assertThat(rows).hasSize(4);
        long grandTotal = 0;
        for (int bucket = 0; bucket < 4; bucket++) {
            Row row = rows.get(bucket);
            assertThat(row.getLong(0)).isEqualTo(bucket);
            assertThat(row.getLong(1)).isEqualTo(250);
            grandTotal += row.getLong(2);
        }
        assertThat(grandTotal).isEqualTo(999L * 1000 / 2);
    }

    @Test
    void queriesVariantData()
    {
        List<Row> rows = session.sql("""
                SELECT variant_get(v, '$.user.name', 'string') AS name,
                       variant_get(v, '$.user.visits', 'int') AS visits,
                       variant_get(v, '$.tags[1]', 'string') AS second_tag,
                       schema_of_variant(v) AS schema
                FROM (SELECT parse_json('{"user": {"name": "ada", "visits": 42}, "tags": ["a", "b"]}') AS v)
                """).collectAsList();

        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getString(0)).isEqualTo("ada");
        assertThat(rows.get(0).getInt(1)).isEqualTo(42);
        assertThat(rows.get(0).getString(2)).isEqualTo("b");
        assertThat(rows.get(0).getString(3)).contains("name: STRING");
    }

    @Test
    void collectsAMillionRows()
    {
        List<Long> ids = session.range(1_000_000).collectAsList();

        assertThat(ids).hasSize(1_000_000);
        assertThat(ids.get(0)).isZero();
        assertThat(ids.get(999_999)).isEqualTo(999_999L);
        long total = 0;
        for (long id : ids) {
            total += id;
        }
        assertThat(total).isEqualTo(999_999L * 1_000_000 / 2);
    }

    @Test
    void reportsTheSessionBusyWhileAnOperationRunsAndIdleAfter()
    {
        awaitIdle();
        synchronized (states) {
            states.clear();
        }
        calls.clear();

        assertThat(session.sql("SELECT count(*) FROM range(100000)").collectAsList().get(0).getLong(0)).isEqualTo(100_000L);

        awaitIdle();
        assertThat(calls.events()).contains("started sessiona spark.connect.SparkConnectService/ExecutePlan", "ended sessiona spark.connect.SparkConnectService/ExecutePlan");
        assertThat(calls.events().indexOf("started sessiona spark.connect.SparkConnectService/ExecutePlan"))
                .isLessThan(calls.events().indexOf("ended sessiona spark.connect.SparkConnectService/ExecutePlan"));
        synchronized (states) {
            assertThat(states).first().isEqualTo("BUSY sessiona");
            assertThat(states).last().isEqualTo("IDLE sessiona");
        }
    }

    @Test
    void refusesClientsWithoutAValidTokenBeforeAnyDriverSeesThem()
    {
        String base = "sc://localhost:" + gateway.port() + "/;use_ssl=true";
        List<String> refused = List.of(
                base,
                base + ";token=not-a-token",
                base + ";x-aws-proxy-auth=not-a-token",
                base + ";x-aws-proxy-auth=" + EXPIRED,
                // session B's valid token, used on session A's endpoint
                gateway.userEndpoint().connectionString("sessiona", TOKEN_B),
                base + ";x-emrys-session-id=sessionb;token=" + TOKEN_A);
        awaitIdle();
        calls.clear();
        for (String connection : refused) {
            SparkSession client = connect(connection);
            try {
                Throwable failure = catchThrowable(() -> client.sql("SELECT 1").collectAsList());
                assertThat(failure).as("query with %s", connection).isNotNull();
                assertThat(causes(failure)).as("failure of %s", connection).anyMatch(text -> text.contains("UNAUTHENTICATED"));
            }
            finally {
                client.close();
            }
        }
        assertThat(otherDriver.calls()).isZero();
        assertThat(calls.events()).isEmpty();
    }

    private SparkSession connect(String connectionString)
    {
        return SparkSession.builder().remote(connectionString).create();
    }

    private void awaitIdle()
    {
        // ReleaseExecute follows a query asynchronously, so the last call may end a little after the results arrive.
        await().atMost(Duration.ofSeconds(30)).until(() -> tracker.inFlight("sessiona") == 0);
    }

    private static List<String> causes(Throwable failure)
    {
        List<String> texts = new ArrayList<>();
        for (Throwable cause = failure; cause != null && texts.size() < 20; cause = cause.getCause()) {
            texts.add(cause.toString());
        }
        return texts;
    }
}
