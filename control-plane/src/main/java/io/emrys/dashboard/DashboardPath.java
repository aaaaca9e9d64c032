package io.emrys.dashboard;

import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A request path under {@code /dashboard/}, split into the target (a run attempt id such as {@code 00abc-1}, or
 * {@link #HISTORY_TARGET} for the shared Spark History Server) and the rest, which is the upstream server's path.
 *
 * @param target the first segment after {@code /dashboard/}
 * @param remainder the path after the target: empty, or starting with {@code /}; still percent-encoded
 * @param query the raw query string without {@code ?}, or empty
 */
public record DashboardPath(String target, String remainder, String query)
{
    public static final String MOUNT = "/dashboard/";
    /** The target under which the Spark History Server is served; cannot collide with a run attempt id. */
    public static final String HISTORY_TARGET = "spark-history";

    /** A job run id ({@code [0-9a-z]{1,64}}), a dash and the attempt number. */
    private static final Pattern RUN_ATTEMPT_ID = Pattern.compile("[0-9a-z]{1,64}-[1-9][0-9]{0,8}");

    public DashboardPath
    {
        requireNonNull(target, "target is null");
        requireNonNull(remainder, "remainder is null");
        requireNonNull(query, "query is null");
        if (!remainder.isEmpty() && !remainder.startsWith("/")) {
            throw new IllegalArgumentException("remainder must be empty or start with '/': " + remainder);
        }
    }

    /** Parses a request's path and query ({@code :path}); empty when it is not a dashboard path Emrys serves. */
    public static Optional<DashboardPath> parse(String pathAndQuery)
    {
        requireNonNull(pathAndQuery, "pathAndQuery is null");
        if (!pathAndQuery.startsWith(MOUNT)) {
            return Optional.empty();
        }
        String rest = pathAndQuery.substring(MOUNT.length());
        int question = rest.indexOf('?');
        String path = question < 0 ? rest : rest.substring(0, question);
        String query = question < 0 ? "" : rest.substring(question + 1);
        int slash = path.indexOf('/');
        String target = slash < 0 ? path : path.substring(0, slash);
        String remainder = slash < 0 ? "" : path.substring(slash);
        if (!target.equals(HISTORY_TARGET) && !isRunAttemptId(target)) {
            return Optional.empty();
        }
        return Optional.of(new DashboardPath(target, remainder, query));
    }

    public static boolean isRunAttemptId(String value)
    {
        return RUN_ATTEMPT_ID.matcher(value).matches();
    }

    /** The public path prefix of this target, without a trailing slash: what Spark's {@code spark.ui.proxyBase} is. */
    public static String prefixOf(String target)
    {
        return MOUNT + target;
    }

    public String prefix()
    {
        return prefixOf(target);
    }

    public boolean isHistory()
    {
        return target.equals(HISTORY_TARGET);
    }

    /**
     * True for {@code /dashboard/<target>} without a trailing slash: it is redirected to {@code .../} first, so that
     * the browser resolves relative links against the target rather than against {@code /dashboard/}.
     */
    public boolean needsTrailingSlash()
    {
        return remainder.isEmpty();
    }

    /** The path and query to ask the upstream server for: the prefix stripped. */
    public String upstreamPathAndQuery()
    {
        return (remainder.isEmpty() ? "/" : remainder) + querySuffix();
    }

    /** This path with a trailing slash added to the target, query kept. */
    public String withTrailingSlash()
    {
        return prefix() + "/" + querySuffix();
    }

    public String querySuffix()
    {
        return query.isEmpty() ? "" : "?" + query;
    }
}
