package io.emrys.dashboard;

import io.emrys.api.serverless.Dashboards;
import io.emrys.jobrun.JobRun;
import io.emrys.jobrun.JobRunAttempt;
import io.emrys.session.Session;

import java.net.URI;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * GetDashboardForJobRun's URL: {@code <apiBaseUrl>/dashboard/<jobRunId>-<attempt>/?emrysToken=<grant>}, served by
 * {@link DashboardService} (the live UI while the attempt runs, the history view after), so the same URL keeps working
 * when the run ends, for the hour its grant lasts. GetResourceDashboard's is the same for a session.
 */
public final class EmrysDashboards
        implements Dashboards
{
    private final Supplier<URI> apiBaseUrl;
    private final DashboardGrants grants;

    /**
     * @param apiBaseUrl the API server's loopback URL, such as {@code http://127.0.0.1:8080}; read per call because the port may be known only after start
     * @param grants the tokens that make each URL work for an hour, for its own run or session only
     */
    public EmrysDashboards(Supplier<URI> apiBaseUrl, DashboardGrants grants)
    {
        this.apiBaseUrl = requireNonNull(apiBaseUrl, "apiBaseUrl is null");
        this.grants = requireNonNull(grants, "grants is null");
    }

    @Override
    public String urlFor(JobRun run, JobRunAttempt attempt)
    {
        return urlOf(run.id().value() + "-" + attempt.attempt());
    }

    @Override
    public String urlFor(Session session)
    {
        return urlOf(session.dashboardId());
    }

    private String urlOf(String dashboardId)
    {
        String base = apiBaseUrl.get().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + DashboardService.proxyBase(dashboardId) + "/?" + DashboardAccess.TOKEN_PARAMETER + "=" + grants.grant(dashboardId);
    }
}
