package io.emrys.dashboard;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingRuntimes;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.emrys.compute.runtime.SparkRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.security.SecureRandom;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in front of a small fake Spark UI: routing, redirects, limits and the pages Emrys answers itself.
 * The servers are shared by the tests (each stop takes Armeria about two seconds).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DashboardProxyIntegrationTest
{
    @TempDir
    static Path temp;

    private static final TestingClock CLOCK = TestingClock.followingSystemTime();
    private static final DashboardGrants GRANTS = new DashboardGrants(CLOCK, new SecureRandom());

    private static Server upstream;
    private static Server server;
    private static DashboardService dashboards;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start()
            throws IOException
    {
        upstream = FakeSparkUi.start();

        int closedPort = closedPort();
        Map<String, RunUi> uis = Map.of(
                "abc-1", new RunUi.Live(upstream.activeLocalPort()),
                "abc-2", new RunUi.Ended(temp.resolve("runs/abc-2/spark-events")),
                "abc-3", new RunUi.Unavailable("Job run abc attempt 3 is PENDING", true),
                "abc-4", new RunUi.Live(closedPort),
                "abc-5", new RunUi.Unavailable("Job run abc attempt 5 ended (FAILED) before its driver started", false),
                "abc-6", new RunUi.Ended(temp.resolve("runs/abc-6/spark-events")));
        Files.createDirectories(temp.resolve("runs/abc-6/spark-events"));
        Files.writeString(temp.resolve("runs/abc-6/spark-events/local-1700000000000"), "{}\n");
        // A runtime folder without Spark's jars: the history server cannot start, which is what one test checks.
        Path emptyRuntime = Files.createDirectories(temp.resolve("no-spark/jars"));
        SparkHistoryServer history = new SparkHistoryServer(HistoryServerConfig.defaults(temp.resolve("spark-history")),
                () -> TestingRuntimes.emrSpark80(emptyRuntime.getParent()));
        dashboards = new DashboardService(id -> Optional.ofNullable(uis.get(id)), history, GRANTS, CLOCK);
        ServerBuilder builder = Server.builder().http(new InetSocketAddress("127.0.0.1", 0)).gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO);
        dashboards.mountOn(builder);
        server = builder.build();
        server.start().join();
    }

    @AfterAll
    static void stop()
    {
        server.stop().join();
        upstream.stop().join();
        dashboards.close();
    }

    @Test
    void forwardsWithThePrefixStrippedAndTheQueryKept()
            throws Exception
    {
        HttpResponse<String> response = get("/dashboard/abc-1/jobs/?id=7");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("path=/jobs/?id=7").contains("host=127.0.0.1:" + upstream.activeLocalPort());
    }

    @Test
    void sparkUiKillActionsAreRefusedBeforeTheDriverSeesThem()
            throws Exception
    {
        HttpResponse<String> job = get("/dashboard/abc-1/jobs/job/kill/?id=0");
        HttpResponse<String> stage = get("/dashboard/abc-1/stages/stage/kill/?id=1&terminate=true");

        assertThat(job.statusCode()).isEqualTo(403);
        assertThat(job.body()).contains("CancelJobRun").doesNotContain("path=");
        assertThat(stage.statusCode()).isEqualTo(403);
    }

    @Test
    void requestsForAnotherHostAreRefusedAsARebindingPageWouldSendThem()
            throws Exception
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.activeLocalPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /dashboard/abc-1/jobs/ HTTP/1.1\r\nHost: attacker.example:8080\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(response).startsWith("HTTP/1.1 421").doesNotContain("path=/jobs/");
        }
        assertThat(get("/dashboard/abc-1/jobs/").statusCode()).as("the loopback address itself").isEqualTo(200);
    }

    @Test
    void upstreamRedirectComesBackUnderThePrefix()
            throws Exception
    {
        HttpResponse<String> response = get("/dashboard/abc-1/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location")).hasValue("/dashboard/abc-1/jobs/");
    }

    @Test
    void targetWithoutTrailingSlashIsRedirectedToIt()
            throws Exception
    {
        HttpResponse<String> response = get("/dashboard/abc-1");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("location")).hasValue("/dashboard/abc-1/");
    }

    @Test
    void streamsBodiesPastArmeriasDefaultSizeCapsAndTimeout()
            throws Exception
    {
        HttpResponse<byte[]> big = http.send(request("/dashboard/abc-1/big").GET().build(), BodyHandlers.ofByteArray());
        assertThat(big.statusCode()).isEqualTo(200);
        assertThat(big.body()).hasSize(FakeSparkUi.BIG);

        HttpResponse<String> upload = http.send(request("/dashboard/abc-1/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[FakeSparkUi.BIG])).build(), BodyHandlers.ofString());
        assertThat(upload.body()).isEqualTo("received " + FakeSparkUi.BIG);

        HttpResponse<String> slow = get("/dashboard/abc-1/slow");
        assertThat(slow.statusCode()).isEqualTo(200);
        assertThat(slow.body()).isEqualTo("slow but here");
    }

    @Test
    void unknownAttemptsAndForeignPathsAreNotFound()
            throws Exception
    {
        assertThat(get("/dashboard/abc-9/").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/not-an-attempt/").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/").statusCode()).isEqualTo(404);
    }

    @Test
    void endedRunWithoutEventLogGetsAClearNotFoundPage()
            throws Exception
    {
        HttpResponse<String> response = get("/dashboard/abc-2/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("No Spark event log").contains("abc-2/spark-events");
    }

    @Test
    void attemptWithoutUiYetAsksTheBrowserToReload()
            throws Exception
    {
        HttpResponse<String> pending = get("/dashboard/abc-3/");
        assertThat(pending.statusCode()).isEqualTo(503);
        assertThat(pending.headers().firstValue("refresh")).isPresent();
        assertThat(pending.body()).contains("PENDING");

        HttpResponse<String> neverStarted = get("/dashboard/abc-5/");
        assertThat(neverStarted.statusCode()).isEqualTo(404);
        assertThat(neverStarted.headers().firstValue("refresh")).isEmpty();
    }

    @Test
    void driverWhoseUiIsNotListeningGetsAReloadingPage()
            throws Exception
    {
        HttpResponse<String> response = get("/dashboard/abc-4/jobs/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("refresh")).isPresent();
        assertThat(response.body()).contains("not answering");
    }

    @Test
    void historyServerThatCannotStartIsReportedWithItsExit()
            throws Exception
    {
        HttpResponse<String> response = get("/dashboard/abc-6/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("history view").contains("exited with status");
    }

    @Test
    void theUrlsTokenBecomesACookieForThatDashboardOnly()
            throws Exception
    {
        String token = GRANTS.grant("abc-1");
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(uri("/dashboard/abc-1/jobs/?id=7&" + DashboardAccess.TOKEN_PARAMETER + "=" + token))
                .GET().build(), BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(302);
        assertThat(first.headers().firstValue("location")).hasValue("/dashboard/abc-1/jobs/?id=7");
        assertThat(first.headers().firstValue("set-cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                .startsWith(DashboardAccess.COOKIE + "=" + token).contains("Path=/dashboard/abc-1/").contains("HTTPOnly").contains("SameSite=Lax")
                .containsPattern("Max-Age=(3600|3599)"));
        assertThat(first.body()).doesNotContain("path=");

        HttpResponse<String> followed = http.send(HttpRequest.newBuilder(uri("/dashboard/abc-1/jobs/?id=7"))
                .header("Cookie", DashboardAccess.COOKIE + "=" + token).GET().build(), BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body()).contains("path=/jobs/?id=7").doesNotContain(token);
    }

    @Test
    void requestsWithoutTheirDashboardsGrantAreRefusedBeforeAnythingIsProxiedOrStarted()
            throws Exception
    {
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(uri("/dashboard/abc-1/jobs/")).GET().build(), BodyHandlers.ofString());
        HttpResponse<String> anotherRuns = http.send(HttpRequest.newBuilder(uri("/dashboard/abc-1/jobs/"))
                .header("Cookie", DashboardAccess.COOKIE + "=" + GRANTS.grant("abc-2")).GET().build(), BodyHandlers.ofString());
        HttpResponse<String> anotherRunsUrl = http.send(HttpRequest.newBuilder(uri("/dashboard/abc-1/?" + DashboardAccess.TOKEN_PARAMETER + "="
                + GRANTS.grant("abc-2"))).GET().build(), BodyHandlers.ofString());
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(uri("/dashboard/abc-1/jobs/"))
                .header("Cookie", DashboardAccess.COOKIE + "=9999999999.AAAA").GET().build(), BodyHandlers.ofString());
        HttpResponse<String> historyIndex = get("/dashboard/spark-history/");
        HttpResponse<String> historyApplications = get("/dashboard/spark-history/api/v1/applications");
        HttpResponse<String> unknownHistoryApplication = get("/dashboard/spark-history/history/local-1/jobs/");

        for (HttpResponse<String> refused : java.util.List.of(none, anotherRuns, anotherRunsUrl, forged, historyIndex, historyApplications, unknownHistoryApplication)) {
            assertThat(refused.statusCode()).as(refused.uri().toString()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("path=").doesNotContain("exited with status");
        }
        assertThat(none.body()).contains("GetDashboardForJobRun").contains("one hour");
    }

    @Test
    void aGrantEndsAfterAnHour()
            throws Exception
    {
        String token = GRANTS.grant("abc-1");
        HttpRequest request = HttpRequest.newBuilder(uri("/dashboard/abc-1/jobs/")).header("Cookie", DashboardAccess.COOKIE + "=" + token).GET().build();
        assertThat(http.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        CLOCK.advance(Duration.ofMinutes(61));

        assertThat(http.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    /** As a browser that followed the dashboard's URL: with the grant's cookie for the path's dashboard. */
    private HttpResponse<String> get(String pathAndQuery)
            throws IOException, InterruptedException
    {
        return http.send(request(pathAndQuery).GET().build(), BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String pathAndQuery)
    {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
        DashboardPath.parse(pathAndQuery).filter(path -> !path.isHistory())
                .ifPresent(path -> builder.header("Cookie", DashboardAccess.COOKIE + "=" + GRANTS.grant(path.target())));
        return builder;
    }

    private static URI uri(String pathAndQuery)
    {
        return URI.create("http://127.0.0.1:" + server.activeLocalPort() + pathAndQuery);
    }

    private static int closedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
