package io.emrys.dashboard;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Serves the Spark UIs of job runs under {@code /dashboard/}: the URL GetDashboardForJobRun returns.
 *
 * <ul>
 * <li>{@code /dashboard/<jobRunId>-<attempt>/...} while the attempt runs: a streaming reverse proxy to the driver's
 * live UI on {@code 127.0.0.1:<uiPort>}, prefix stripped. The driver's {@code spark.ui.proxyBase} is
 * {@link #proxyBase}, so the links in its pages come back here.</li>
 * <li>the same URL after the attempt ended: its event log is published to the shared {@link SparkHistoryServer}
 * (started on first use) and the browser is redirected to that application under {@code /dashboard/spark-history/}.</li>
 * <li>{@code /dashboard/spark-history/...}: a streaming reverse proxy to the history server.</li>
 * </ul>
 *
 * <p>Every request but a static file must carry the grant of a URL this server handed out for that dashboard, in
 * the last hour ({@link DashboardAccess}); it is checked before anything is looked up, proxied or started.
 *
 * <p>Requests are never blocked on an event loop: starting the history server and waiting for it to list a log run
 * on its own threads, and file lookups on the context's blocking executor. This service owns the history server
 * and stops it on {@link #close()}.
 */
public final class DashboardService
        implements HttpService, AutoCloseable
{
    /** The Spark UI's kill endpoints: {@code /jobs/job/kill/}, {@code /stages/stage/kill/}, as the live UI and the history UI spell them. */
    private static final Pattern KILL_ACTION = Pattern.compile("/kill(/|$)");

    private final Function<String, Optional<RunUi>> lookup;
    private final SparkHistoryServer historyServer;
    private final DashboardAccess access;
    private final UpstreamProxy proxy = new UpstreamProxy();

    /**
     * @param lookup for a run attempt id {@code <jobRunId>-<attempt>}, where its UI is; empty for an unknown
     *        attempt ({@link JobRunUiLookup} reads the job run registry)
     */
    public DashboardService(Function<String, Optional<RunUi>> lookup, SparkHistoryServer historyServer, DashboardGrants grants, Clock clock)
    {
        this.lookup = requireNonNull(lookup, "lookup is null");
        this.historyServer = requireNonNull(historyServer, "historyServer is null");
        this.access = new DashboardAccess(grants, clock);
    }

    /**
     * The {@code spark.ui.proxyBase} of a run attempt's driver: {@code /dashboard/<jobRunId>-<attempt>}, the path
     * under which this service serves its UI. Pass {@code DashboardService::proxyBase} to the job-run and session drivers.
     */
    public static String proxyBase(String runAttemptId)
    {
        requireNonNull(runAttemptId, "runAttemptId is null");
        if (!DashboardPath.isRunAttemptId(runAttemptId) && !runAttemptId.equals(DashboardPath.HISTORY_TARGET)) {
            throw new IllegalArgumentException("not a run attempt id (<jobRunId>-<attempt>): " + runAttemptId);
        }
        return DashboardPath.prefixOf(runAttemptId);
    }

    /** Mounts this service under {@code /dashboard/} without Armeria's request timeout and request size cap. */
    public void mountOn(ServerBuilder server)
    {
        server.route()
                .pathPrefix(DashboardPath.MOUNT)
                .requestTimeoutMillis(0)
                .maxRequestLength(0)
                .build(this);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest request)
    {
        // Also when mounted without mountOn: a history server may take a while to start, and pages stream.
        ctx.clearRequestTimeout();
        ctx.setMaxRequestLength(0);
        Optional<DashboardPath> parsed = DashboardPath.parse(request.path());
        if (parsed.isEmpty()) {
            return DashboardPages.notFound("Not a dashboard URL: " + request.path() + ". Dashboard URLs look like "
                    + DashboardPath.MOUNT + "<jobRunId>-<attempt>/ (GetDashboardForJobRun returns them).");
        }
        DashboardPath path = parsed.get();
        Optional<String> host = Optional.ofNullable(request.authority());
        if (host.isEmpty() || !LoopbackHosts.isLoopback(host.get())) {
            // a page on another site that a DNS name rebound to 127.0.0.1 would send its own name here
            return DashboardPages.misdirected("Dashboards answer only requests for this machine's loopback address, not for " + host.orElse("no host") + ".");
        }
        if (KILL_ACTION.matcher(path.remainder()).find()) {
            // Spark's kill links are plain GETs that any page could make a browser follow: job runs stop through CancelJobRun
            return DashboardPages.forbidden("Emrys turns off the Spark UI's kill actions; cancel a job run with CancelJobRun.");
        }
        if (path.needsTrailingSlash()) {
            return DashboardPages.redirect(path.withTrailingSlash());
        }
        // before anything is looked up or started: only the holder of this dashboard's URL gets further
        DashboardAccess.Decision decision = access.check(path, request.headers());
        if (decision instanceof DashboardAccess.Refused refused) {
            return DashboardPages.forbidden(refused.message());
        }
        if (decision instanceof DashboardAccess.Redirect redirect) {
            return DashboardPages.redirect(redirect.location(), redirect.cookies());
        }
        DashboardAccess.Allowed grant = (DashboardAccess.Allowed) decision;
        // the grant is Emrys's: the Spark UI behind has no use for it
        HttpRequest upstream = request.withHeaders(request.headers().toBuilder().removeAndThen(HttpHeaderNames.COOKIE).build());
        if (path.isHistory()) {
            return HttpResponse.of(historyServer.port().handle((port, failure) -> failure == null
                    ? proxy.forward(upstream, port, path.upstreamPathAndQuery(), path.prefix(), "The Spark History Server is not answering.")
                    : DashboardPages.unavailable("The Spark History Server is unavailable: " + messageOf(failure), false)));
        }
        Optional<RunUi> ui = lookup.apply(path.target());
        if (ui.isEmpty()) {
            return DashboardPages.notFound("Emrys knows no job run attempt " + path.target() + ".");
        }
        if (ui.get() instanceof RunUi.Live live) {
            return proxy.forward(upstream, live.uiPort(), path.upstreamPathAndQuery(), path.prefix(),
                    "The Spark UI of " + describe(path) + " is not answering: the driver is starting or has just ended.");
        }
        if (ui.get() instanceof RunUi.Ended ended) {
            return HttpResponse.of(CompletableFuture.supplyAsync(() -> EventLog.find(ended.eventLogDirectory()), ctx.blockingTaskExecutor())
                    .thenCompose(log -> log.isPresent()
                            ? historyServer.publish(log.get()).thenApply(application -> DashboardPages.redirect(historyLocation(application, path),
                                    access.historyCookies(grant, path.target(), application)))
                            : CompletableFuture.completedFuture(DashboardPages.notFound("No Spark event log was found for " + describe(path)
                                    + " in " + ended.eventLogDirectory() + ": the driver ended before Spark wrote one, so there is no history view.")))
                    .exceptionally(failure -> DashboardPages.unavailable("The history view of " + describe(path) + " is unavailable: "
                            + messageOf(failure), false)));
        }
        RunUi.Unavailable unavailable = (RunUi.Unavailable) ui.get();
        return unavailable.temporary()
                ? DashboardPages.unavailable(unavailable.reason(), true)
                : DashboardPages.notFound(unavailable.reason());
    }

    /**
     * Where an ended attempt's page is in the history server: the same page of the same application, so a
     * bookmarked live URL such as {@code .../stages/} keeps working; the attempt's root goes to the jobs page.
     */
    static String historyLocation(HistoryApplication application, DashboardPath path)
    {
        String page = path.remainder().length() <= 1 ? "jobs/" : path.remainder().substring(1);
        return DashboardPath.prefixOf(DashboardPath.HISTORY_TARGET) + application.uiPath() + page + path.querySuffix();
    }

    @Override
    public void close()
    {
        historyServer.close();
    }

    private static String describe(DashboardPath path)
    {
        int dash = path.target().lastIndexOf('-');
        return "job run " + path.target().substring(0, dash) + " attempt " + path.target().substring(dash + 1);
    }

    private static String messageOf(Throwable failure)
    {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
