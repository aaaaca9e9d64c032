package io.emrys.gateway;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.Endpoint;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpRequestWriter;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import io.emrys.common.ConnectSecret;
import io.emrys.testing.TestingClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway over TLS in front of two fake drivers (plain HTTP/2 servers that count calls): token checks, header
 * stripping, streaming, activity reports. {@link ConnectGatewaySparkIntegrationTest} does the same with real Spark.
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectGatewayIntegrationTest
{
    private static final String TOKEN_A = "tokenA_0123456789abcdef";
    private static final String TOKEN_B = "tokenB_0123456789abcdef";
    private static final String EXPIRED = "tokenX_0123456789abcdef";

    @TempDir
    static Path data;

    private static final ConnectSecret SECRET_A = ConnectSecret.random();
    private static final ConnectSecret SECRET_B = ConnectSecret.random();

    private final TestingClock clock = TestingClock.followingSystemTime();
    private final FakeSessionTokens tokens = new FakeSessionTokens(clock);
    private final RecordingActivity activity = new RecordingActivity();
    private FakeDriver driverA;
    private FakeDriver driverB;
    private ConnectGateway gateway;
    private ClientFactory clientFactory;
    private WebClient client;

    @BeforeAll
    void start()
    {
        driverA = new FakeDriver();
        driverB = new FakeDriver();
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
        tokens.grant(TOKEN_A, new SessionTarget("sessiona", driverA.port(), SECRET_A), tomorrow);
        tokens.grant(TOKEN_B, new SessionTarget("sessionb", driverB.port(), SECRET_B), tomorrow);
        tokens.grant(EXPIRED, new SessionTarget("sessiona", driverA.port(), SECRET_A), clock.instant().minusSeconds(1));
        gateway = ConnectGateway.start(GatewayConfig.tls(0, data.resolve("tls")), tokens, activity, clock);
        // Trusts the generated CA, exactly as a user would, with host name verification left on.
        clientFactory = ClientFactory.builder()
                .tlsCustomizer(tls -> tls.trustManager(gateway.tls().orElseThrow().caCertificate().toFile()))
                .build();
        client = WebClient.builder(SessionProtocol.H2, Endpoint.of("127.0.0.1", gateway.port()))
                .factory(clientFactory)
                .responseTimeoutMillis(0)
                .maxResponseLength(0)
                .build();
    }

    @BeforeEach
    void forgetEarlierCalls()
    {
        driverA.reset();
        driverB.reset();
        activity.clear();
    }

    @AfterAll
    void stop()
    {
        // Each Armeria server takes about 2 s to stop (its boss event loop's quiet period): stop them together.
        CompletableFuture.allOf(
                CompletableFuture.runAsync(gateway::close),
                CompletableFuture.runAsync(driverA::close),
                CompletableFuture.runAsync(driverB::close)).join();
        clientFactory.close();
    }

    @Test
    void forwardsACallToTheTokensDriverWithoutItsCredentials()
    {
        AggregatedHttpResponse response = call(FakeDriver.ECHO, Map.of("x-aws-proxy-auth", TOKEN_A, "x-emrys-session-id", "sessiona", "x-spark-test", "kept"), "hello");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.contentUtf8()).isEqualTo("hello");
        assertThat(response.headers().get("x-fake-driver")).isEqualTo(Integer.toString(driverA.port()));
        assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
        assertThat(driverA.calls()).isEqualTo(1);
        assertThat(driverB.calls()).isZero();
        RequestHeaders seen = driverA.lastHeaders();
        assertThat(seen.contains("x-aws-proxy-auth")).isFalse();
        assertThat(seen.contains("x-emrys-session-id")).isFalse();
        // the one credential the driver sees is its own secret, which the gateway added
        assertThat(seen.getAll(HttpHeaderNames.AUTHORIZATION)).containsExactly("Bearer " + SECRET_A.value());
        assertThat(seen.get("x-spark-test")).isEqualTo("kept");
        assertThat(seen.authority()).isEqualTo("127.0.0.1:" + driverA.port());
        assertThat(seen.path()).isEqualTo(FakeDriver.ECHO);
    }

    @Test
    void acceptsABearerTokenAndRoutesEachTokenToItsOwnSession()
    {
        AggregatedHttpResponse response = call(FakeDriver.ECHO, Map.of("authorization", "Bearer " + TOKEN_B), "to b");

        assertThat(response.contentUtf8()).isEqualTo("to b");
        assertThat(response.headers().get("x-fake-driver")).isEqualTo(Integer.toString(driverB.port()));
        assertThat(driverB.calls()).isEqualTo(1);
        assertThat(driverA.calls()).isZero();
        assertThat(driverB.lastHeaders().getAll(HttpHeaderNames.AUTHORIZATION)).containsExactly("Bearer " + SECRET_B.value());
    }

    @Test
    void refusesCallsWithoutAValidTokenBeforeAnyDriverSeesThem()
    {
        List<Map<String, String>> refused = List.of(
                Map.of(),
                Map.of("x-aws-proxy-auth", "not-a-token"),
                Map.of("authorization", "Bearer not-a-token"),
                Map.of("authorization", "Basic " + TOKEN_A),
                Map.of("x-aws-proxy-auth", EXPIRED),
                // a valid token, presented on the endpoint of another session
                Map.of("x-aws-proxy-auth", TOKEN_A, "x-emrys-session-id", "sessionb"));
        for (Map<String, String> headers : refused) {
            List<HttpObject> response = client.execute(HttpRequest.of(headers(FakeDriver.ECHO, headers), HttpData.ofUtf8("payload"))).collect().join();
            // trailers-only: a single HEADERS frame that ends the stream; an extra empty DATA frame makes gRPC
            // clients fail with INTERNAL instead of reading the status
            assertThat(response).as("frames for %s", headers).hasSize(1);
            ResponseHeaders only = (ResponseHeaders) response.get(0);
            assertThat(only.status().code()).as("HTTP status for %s", headers).isEqualTo(200);
            assertThat(only.get("grpc-status")).as("grpc-status for %s", headers).isEqualTo("16");
            assertThat(only.get("grpc-message")).isNotBlank();
        }
        assertThat(driverA.calls()).isZero();
        assertThat(driverB.calls()).isZero();
        assertThat(activity.events()).isEmpty();
    }

    @Test
    void refusesATokenOnceItExpires()
    {
        String token = "tokenS_0123456789abcdef";
        tokens.grant(token, new SessionTarget("sessiona", driverA.port(), SECRET_A), clock.instant().plus(Duration.ofMinutes(60)));
        assertThat(call(FakeDriver.ECHO, Map.of("x-aws-proxy-auth", token), "x").trailers().get("grpc-status")).isEqualTo("0");

        clock.advance(Duration.ofMinutes(61));

        assertThat(call(FakeDriver.ECHO, Map.of("x-aws-proxy-auth", token), "x").headers().get("grpc-status")).isEqualTo("16");
        assertThat(driverA.calls()).isEqualTo(1);
    }

    @Test
    void streamsBodiesBeyondArmeriasDefaultCapsBothWays()
    {
        byte[] chunk = new byte[1024 * 1024];
        new Random(42).nextBytes(chunk);
        int chunks = 24;
        HttpRequestWriter request = HttpRequest.streaming(headers(FakeDriver.ECHO, Map.of("x-aws-proxy-auth", TOKEN_A)));
        HttpResponse response = client.execute(request);
        MessageDigest sent = sha256();
        for (int i = 0; i < chunks; i++) {
            request.write(HttpData.wrap(chunk));
            sent.update(chunk);
        }
        request.close();

        AggregatedHttpResponse aggregated = response.aggregate().join();

        assertThat(aggregated.trailers().get("grpc-status")).isEqualTo("0");
        assertThat(aggregated.content().length()).isEqualTo(chunks * chunk.length);
        assertThat(sha256().digest(aggregated.content().array())).isEqualTo(sent.digest());
    }

    @Test
    void reportsACallAsRunningUntilItsResponseEnds()
    {
        HttpResponse held = client.execute(HttpRequest.of(headers(FakeDriver.HOLD, Map.of("x-aws-proxy-auth", TOKEN_A)), HttpData.ofUtf8("x")));
        String method = FakeDriver.HOLD.substring(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> activity.events().contains("started sessiona " + method));
        assertThat(activity.events()).doesNotContain("ended sessiona " + method);

        driverA.release();
        assertThat(held.aggregate().join().trailers().get("grpc-status")).isEqualTo("0");

        await().atMost(Duration.ofSeconds(10)).until(() -> activity.events().contains("ended sessiona " + method));
        assertThat(activity.events()).containsExactly("started sessiona " + method, "ended sessiona " + method);
    }

    @Test
    void answersUnavailableWhenTheDriverIsGone()
    {
        FakeDriver gone = new FakeDriver();
        int port = gone.port();
        gone.close();
        String token = "tokenG_0123456789abcdef";
        tokens.grant(token, new SessionTarget("sessiong", port, ConnectSecret.random()), clock.instant().plus(Duration.ofDays(1)));

        AggregatedHttpResponse response = call(FakeDriver.ECHO, Map.of("x-aws-proxy-auth", token), "x");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("grpc-status")).isEqualTo("14");
        await().atMost(Duration.ofSeconds(10)).until(() -> activity.events().size() == 2);
        assertThat(activity.events()).containsExactly("started sessiong test.Echo/Call", "ended sessiong test.Echo/Call");
    }

    @Test
    void servesPlaintextHttp2WhenConfiguredSo()
    {
        try (ConnectGateway plaintext = ConnectGateway.start(GatewayConfig.plaintext(0), tokens, SessionActivity.NONE, clock)) {
            assertThat(plaintext.tls()).isEmpty();
            assertThat(plaintext.endpoint()).hasToString("http://localhost:" + plaintext.port());
            WebClient h2c = WebClient.builder("h2c://127.0.0.1:" + plaintext.port()).build();

            AggregatedHttpResponse response = h2c.execute(HttpRequest.of(headers(FakeDriver.ECHO, Map.of("x-aws-proxy-auth", TOKEN_A)), HttpData.ofUtf8("plain"))).aggregate().join();

            assertThat(response.contentUtf8()).isEqualTo("plain");
            assertThat(response.trailers().get("grpc-status")).isEqualTo("0");
        }
    }

    @Test
    void advertisesItsEndpointForUsers()
    {
        assertThat(gateway.endpoint()).hasToString("https://localhost:" + gateway.port());
        assertThat(gateway.userEndpoint().forSession("sessiona")).isEqualTo("sc://localhost:" + gateway.port() + "/;use_ssl=true;x-emrys-session-id=sessiona");
    }

    private AggregatedHttpResponse call(String path, Map<String, String> extraHeaders, String body)
    {
        return client.execute(HttpRequest.of(headers(path, extraHeaders), HttpData.ofUtf8(body))).aggregate().join();
    }

    private static RequestHeaders headers(String path, Map<String, String> extraHeaders)
    {
        RequestHeadersBuilder builder = RequestHeaders.builder(HttpMethod.POST, path)
                .contentType(MediaType.parse("application/grpc"))
                .add("te", "trailers");
        extraHeaders.forEach(builder::add);
        return builder.build();
    }

    private static MessageDigest sha256()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

}
