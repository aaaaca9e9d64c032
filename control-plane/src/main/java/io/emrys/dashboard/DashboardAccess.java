package io.emrys.dashboard;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.Cookie;
import com.linecorp.armeria.common.RequestHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may see which dashboard: only a browser that followed a URL GetDashboardForJobRun or GetResourceDashboard
 * handed out, for that run or session, within the hour the URL's token lasts. The first request carries the token
 * in its query; it is answered with a cookie scoped to that dashboard's path (HttpOnly, SameSite=Lax) and a redirect
 * to the same page without the token, so the token leaves the address bar and the pages' own links keep working.
 *
 * <p>The Spark History Server is shared by every ended run, so its pages are reachable only per application: when an
 * ended run's dashboard redirects to its history view, the same token is set as cookies for that Spark application's
 * history pages and REST API, and this class remembers which dashboard the application belongs to. The history
 * server's index and application list (which would show every run) are refused; its static files are served to
 * anyone, as they are the same for all.
 */
final class DashboardAccess
{
    static final String TOKEN_PARAMETER = "emrysToken";
    static final String COOKIE = "emrys-dashboard";
    private static final Pattern HISTORY_APPLICATION = Pattern.compile("^/(?:history|api/v1/applications)/([^/?]+)");

    sealed interface Decision
            permits Allowed, Redirect, Refused {}

    /** @param token the grant the request carried; empty for the history server's static files */
    record Allowed(String token, Optional<Instant> until)
            implements Decision {}

    record Redirect(String location, List<Cookie> cookies)
            implements Decision {}

    record Refused(String message)
            implements Decision {}

    private final DashboardGrants grants;
    private final Clock clock;
    // Spark application id in the history server -> the dashboard target (run attempt or session) it belongs to
    private final Map<String, String> historyOwners = new ConcurrentHashMap<>();

    DashboardAccess(DashboardGrants grants, Clock clock)
    {
        this.grants = requireNonNull(grants, "grants is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    Decision check(DashboardPath path, RequestHeaders headers)
    {
        if (path.isHistory()) {
            return checkHistory(path, headers);
        }
        Optional<String> queryToken = tokenParameter(path.query());
        if (queryToken.isPresent()) {
            Optional<Instant> until = grants.validUntil(path.target(), queryToken.get());
            if (until.isEmpty()) {
                return new Refused(expired());
            }
            String query = withoutToken(path.query());
            String location = path.prefix() + path.remainder() + (query.isEmpty() ? "" : "?" + query);
            return new Redirect(location, List.of(cookie(queryToken.get(), path.prefix() + "/", until.get())));
        }
        return allowedByCookie(path.target(), headers).orElseGet(() -> new Refused(expired()));
    }

    /** The cookies that let the same grant open an ended run's Spark application in the history server. */
    List<Cookie> historyCookies(Allowed grant, String target, HistoryApplication application)
    {
        historyOwners.put(application.id(), target);
        List<Cookie> cookies = new ArrayList<>();
        Instant until = grant.until().orElseThrow();
        String history = DashboardPath.prefixOf(DashboardPath.HISTORY_TARGET);
        cookies.add(cookie(grant.token(), history + "/history/" + application.id() + "/", until));
        cookies.add(cookie(grant.token(), history + "/api/v1/applications/" + application.id() + "/", until));
        return cookies;
    }

    private Decision checkHistory(DashboardPath path, RequestHeaders headers)
    {
        if (path.remainder().startsWith("/static/")) {
            return new Allowed("", Optional.empty());
        }
        Matcher application = HISTORY_APPLICATION.matcher(path.remainder());
        if (!application.find()) {
            return new Refused("The Spark History Server's own index lists every run; Emrys shows a run's history only through the URL "
                    + "GetDashboardForJobRun or GetResourceDashboard returns for it.");
        }
        String owner = historyOwners.get(application.group(1));
        if (owner == null) {
            return new Refused(expired());
        }
        return allowedByCookie(owner, headers).orElseGet(() -> new Refused(expired()));
    }

    private Optional<Decision> allowedByCookie(String target, RequestHeaders headers)
    {
        // a browser sends every cookie whose path covers the request, most specific first: any one valid for the target will do
        for (Cookie cookie : headers.cookies()) {
            if (cookie.name().equals(COOKIE)) {
                Optional<Instant> until = grants.validUntil(target, cookie.value());
                if (until.isPresent()) {
                    return Optional.of(new Allowed(cookie.value(), until));
                }
            }
        }
        return Optional.empty();
    }

    private Cookie cookie(String token, String path, Instant until)
    {
        long seconds = Math.max(1, Duration.between(clock.instant(), until).getSeconds());
        return Cookie.builder(COOKIE, token).path(path).maxAge(seconds).httpOnly(true).sameSite("Lax").build();
    }

    private static String expired()
    {
        return "This dashboard needs the URL GetDashboardForJobRun or GetResourceDashboard returns for it, which works for one hour "
                + "(and until the server restarts): ask for a new one.";
    }

    static Optional<String> tokenParameter(String query)
    {
        for (String pair : query.split("&")) {
            if (pair.startsWith(TOKEN_PARAMETER + "=")) {
                return Optional.of(pair.substring(TOKEN_PARAMETER.length() + 1));
            }
        }
        return Optional.empty();
    }

    static String withoutToken(String query)
    {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty() && !pair.startsWith(TOKEN_PARAMETER + "=")) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}
