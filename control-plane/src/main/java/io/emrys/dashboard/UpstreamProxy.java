package io.emrys.dashboard;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.common.ResponseHeaders;

import java.net.URI;
import java.net.URISyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * Forwards one request to a Spark web UI on a loopback port and streams the answer back: neither body is
 * buffered, and Armeria applies backpressure both ways. Only the {@code Location} header is rewritten, because
 * Spark's Jetty answers redirects with absolute URLs of its own host and port.
 */
final class UpstreamProxy
{
    /**
     * @param upstreamPathAndQuery the path to ask for, the public prefix already stripped
     * @param publicPrefix the path prefix the browser uses for this upstream, such as {@code /dashboard/00abc-1}
     */
    HttpResponse forward(HttpRequest request, int port, String upstreamPathAndQuery, String publicPrefix, String unreachableMessage)
    {
        requireNonNull(request, "request is null");
        requireNonNull(upstreamPathAndQuery, "upstreamPathAndQuery is null");
        requireNonNull(publicPrefix, "publicPrefix is null");
        String authority = SparkHistoryServer.LOOPBACK + ":" + port;
        // The UI streams big pages (and event logs through its REST API): no response timeout, no size cap.
        WebClient client = WebClient.builder("http://" + authority)
                .responseTimeoutMillis(0)
                .maxResponseLength(0)
                .build();
        // The browser's Host names Emrys; the upstream must see its own, or its redirects point at Emrys's root.
        RequestHeadersBuilder builder = request.headers().toBuilder();
        builder.remove(HttpHeaderNames.HOST);
        RequestHeaders headers = builder
                .path(upstreamPathAndQuery)
                .authority(authority)
                .build();
        return client.execute(request.withHeaders(headers))
                .mapHeaders(responseHeaders -> withRewrittenLocation(responseHeaders, authority, publicPrefix))
                // Only failures before the response headers land here: typically a refused connection because the
                // driver has just ended or its UI is not bound yet.
                .recover(cause -> DashboardPages.unavailable(unreachableMessage, true));
    }

    private static ResponseHeaders withRewrittenLocation(ResponseHeaders headers, String upstreamAuthority, String publicPrefix)
    {
        String location = headers.get(HttpHeaderNames.LOCATION);
        if (location == null) {
            return headers;
        }
        String rewritten = rewriteLocation(location, upstreamAuthority, publicPrefix);
        return rewritten.equals(location) ? headers : headers.toBuilder().set(HttpHeaderNames.LOCATION, rewritten).build();
    }

    /**
     * Maps a redirect target of the upstream UI to the browser's view of it: absolute URLs on the upstream's
     * authority and absolute paths get the public prefix (unless Spark already put it there through
     * {@code spark.ui.proxyBase}); anything else (other hosts, relative references) is left as it is.
     */
    static String rewriteLocation(String location, String upstreamAuthority, String publicPrefix)
    {
        URI uri;
        try {
            uri = new URI(location);
        }
        catch (URISyntaxException e) {
            return location;
        }
        String pathAndQuery;
        if (uri.isAbsolute()) {
            if (!upstreamAuthority.equalsIgnoreCase(uri.getRawAuthority()) || uri.isOpaque()) {
                return location;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            pathAndQuery = path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        }
        else if (location.startsWith("/") && !location.startsWith("//")) {
            pathAndQuery = location;
        }
        else {
            return location;
        }
        if (pathAndQuery.equals(publicPrefix) || pathAndQuery.startsWith(publicPrefix + "/")
                || pathAndQuery.startsWith(publicPrefix + "?")) {
            return pathAndQuery;
        }
        return publicPrefix + pathAndQuery;
    }
}
