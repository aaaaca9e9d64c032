package io.emrys.dashboard;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncher;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.TestingSparkArtifacts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Spark 4.0.1 driver behind the dashboard, then the real Spark History Server for the same run once it has
 * ended: one driver launch and one history server in all, as Spark JVMs are expensive on a small machine.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DashboardServiceIntegrationTest
{
    private static final String RUN = "00fdash0001-1";
    private static final Duration SPARK_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    private final Map<String, RunUi> uis = new ConcurrentHashMap<>();
    // a browser: it keeps the cookie the dashboard's URL sets
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient stranger = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
    private final DashboardGrants grants = new DashboardGrants(Clock.systemUTC(), new SecureRandom());
    private SparkRuntime runtime;
    private DriverLauncher launcher;
    private DashboardService dashboards;
    private Server server;

    @BeforeEach
    void startServer()
    {
        runtime = TestingSparkArtifacts.runtime();
        launcher = new DriverLauncher(DriverLauncherConfig.defaults().withDefaultDriverResources(1, new MemorySize(512)), Clock.systemUTC());
        dashboards = new DashboardService(id -> Optional.ofNullable(uis.get(id)),
                new SparkHistoryServer(HistoryServerConfig.defaults(temp.resolve("spark-history")), () -> runtime), grants, Clock.systemUTC());
        ServerBuilder builder = Server.builder().http(new InetSocketAddress("127.0.0.1", 0)).gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO);
        dashboards.mountOn(builder);
        server = builder.build();
        server.start().join();
    }

    @AfterEach
    void stopServer()
    {
        server.stop().join();
        dashboards.close();
        launcher.close();
    }

    @Test
    void showsTheLiveUiWhileTheDriverRunsAndTheHistoryViewAfterItEnds()
            throws Exception
    {
        Path workDir = temp.resolve("runs").resolve(RUN);
        DriverProcess driver = launcher.launch(new DriverLaunchRequest(RUN, runtime, TestingSparkArtifacts.testJobsJar().toString(), List.of("600"),
                SparkSubmitParameters.parse("--class io.emrys.testjobs.SleepThenCount --conf spark.ui.showConsoleProgress=false"),
                new SparkConfiguration(Map.of("spark.ui.proxyBase", DashboardService.proxyBase(RUN)), Map.of(), Map.of()),
                workDir, workDir.resolve("spark-events").toString(), Map.of()));
        uis.put(RUN, new RunUi.Live(driver.uiPort()));
        await().atMost(SPARK_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.readString(workDir.resolve("stdout")).contains("sleeping"));

        // Without the URL's grant, nothing; then the URL GetDashboardForJobRun would return sets the browser's cookie.
        assertThat(send(stranger, "/dashboard/" + RUN + "/jobs/").statusCode()).isEqualTo(403);
        HttpResponse<String> opened = get("/dashboard/" + RUN + "/?" + DashboardAccess.TOKEN_PARAMETER + "=" + grants.grant(RUN));
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.uri().getPath()).isEqualTo("/dashboard/" + RUN + "/jobs/");
        assertThat(opened.uri().getQuery()).isNull();

        // Live: the jobs page and the assets it links to load through Emrys, and so does Spark's own redirect.
        HttpResponse<String> jobs = get("/dashboard/" + RUN + "/jobs/");
        assertThat(jobs.statusCode()).isEqualTo(200);
        assertThat(jobs.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(jobs.body()).contains("Spark Jobs");
        assertThat(get(firstAsset(jobs.body(), DashboardService.proxyBase(RUN))).statusCode()).isEqualTo(200);

        HttpResponse<String> root = get("/dashboard/" + RUN);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.uri().getPath()).isEqualTo("/dashboard/" + RUN + "/jobs/");

        HttpResponse<String> applications = get("/dashboard/" + RUN + "/api/v1/applications");
        assertThat(applications.statusCode()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"(local-[0-9]+)\"").matcher(applications.body());
        assertThat(id.find()).as(applications.body()).isTrue();
        String applicationId = id.group(1);

        // The driver ends (as with CancelJobRun); Spark's shutdown hook completes the event log.
        driver.stop(Duration.ofSeconds(20));
        DriverExit exit = driver.onExit().get(SPARK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(exit.exitCode()).isEqualTo(143);
        uis.put(RUN, RunUi.Ended.ofWorkDir(workDir));

        // Ended: the same URL lands on the history server's view of that application.
        HttpResponse<String> history = get("/dashboard/" + RUN + "/");
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        assertThat(history.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(history.uri().getPath()).isEqualTo("/dashboard/spark-history/history/" + applicationId + "/jobs/");
        assertThat(history.body()).contains("Spark Jobs").contains(applicationId);
        assertThat(get(firstAsset(history.body(), DashboardService.proxyBase(DashboardPath.HISTORY_TARGET))).statusCode()).isEqualTo(200);
        try (Stream<Path> copied = Files.list(temp.resolve("spark-history/event-logs"))) {
            assertThat(copied.map(file -> file.getFileName().toString())).containsExactly("eventlog_v2_" + applicationId);
        }

        // This run's application, through its REST API too; not the history server's list of every run, nor this run to a stranger.
        HttpResponse<String> own = get("/dashboard/spark-history/api/v1/applications/" + applicationId + "/jobs");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(get("/dashboard/spark-history/api/v1/applications").statusCode()).isEqualTo(403);
        assertThat(get("/dashboard/spark-history/").statusCode()).isEqualTo(403);
        assertThat(send(stranger, "/dashboard/spark-history/history/" + applicationId + "/jobs/").statusCode()).isEqualTo(403);

        // A page of the live UI that was bookmarked still opens, now from history.
        HttpResponse<String> stages = get("/dashboard/" + RUN + "/stages/");
        assertThat(stages.statusCode()).isEqualTo(200);
        assertThat(stages.uri().getPath()).isEqualTo("/dashboard/spark-history/history/" + applicationId + "/stages/");
    }

    private HttpResponse<String> get(String pathAndQuery)
            throws IOException, InterruptedException
    {
        return send(http, pathAndQuery);
    }

    private HttpResponse<String> send(HttpClient client, String pathAndQuery)
            throws IOException, InterruptedException
    {
        URI uri = URI.create("http://127.0.0.1:" + server.activeLocalPort() + pathAndQuery);
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first stylesheet or script the page links to; Spark generates these under its proxy base. */
    private static String firstAsset(String html, String prefix)
    {
        Matcher asset = Pattern.compile("(?:href|src)=\"(" + Pattern.quote(prefix) + "/static/[^\"]+)\"").matcher(html);
        assertThat(asset.find()).as("a static asset under %s in:%n%s", prefix, html).isTrue();
        return asset.group(1);
    }
}
