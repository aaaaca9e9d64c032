package io.emrys.gateway;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The pass-through: checks the token of each call, then forwards the call as it is (an HTTP/2 POST whose body is a
 * stream of gRPC messages, answered by a stream of messages and trailers) to the session's driver over plaintext
 * HTTP/2 on {@code 127.0.0.1}. Nothing is decoded or buffered: both directions stream, with Armeria's backpressure,
 * and without timeouts or size caps (a query may run for hours and return gigabytes).
 *
 * <p>The token lookup runs on the blocking executor, because the session service's {@link SessionTokens} may touch
 * its store. A refused call is answered here and never reaches a driver.
 */
final class ConnectProxyService
        implements HttpService
{
    private static final Logger log = LoggerFactory.getLogger(ConnectProxyService.class);

    private final SessionTokens tokens;
    private final SessionActivity activity;
    private final ClientFactory clientFactory;
    private final Map<Integer, WebClient> drivers = new ConcurrentHashMap<>();

    ConnectProxyService(SessionTokens tokens, SessionActivity activity, ClientFactory clientFactory)
    {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.clientFactory = requireNonNull(clientFactory, "clientFactory is null");
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest request)
    {
        // The token check answers from memory (a hash and a map lookup), so it runs on the event loop: a hop to the
        // blocking executor would add latency to every call of every query.
        Optional<SessionTarget> target;
        try {
            target = authorize(request.headers());
        }
        catch (RuntimeException failure) {
            log.error("The session token check failed for {}", request.path(), failure);
            return GrpcResponses.trailersOnly(GrpcResponses.INTERNAL, "The session token check failed");
        }
        if (target.isEmpty()) {
            log.debug("Refused {} from {}: no valid session token", request.path(), ctx.remoteAddress());
            return GrpcResponses.unauthenticated();
        }
        return forward(ctx, request, target.get());
    }

    private Optional<SessionTarget> authorize(RequestHeaders headers)
    {
        if (TokenHeaders.hasAmbiguousSessionId(headers)) {
            return Optional.empty();
        }
        Optional<SessionTarget> target = TokenHeaders.token(headers).flatMap(tokens::resolve);
        Optional<String> claimed = TokenHeaders.claimedSessionId(headers);
        if (target.isPresent() && claimed.isPresent() && !claimed.get().equals(target.get().sessionId())) {
            // A valid token, but for another session than the endpoint the client was given: refuse, as for a bad token.
            return Optional.empty();
        }
        return target;
    }

    private HttpResponse forward(ServiceRequestContext ctx, HttpRequest request, SessionTarget target)
    {
        String method = methodOf(request.path());
        activity.callStarted(target.sessionId(), method);
        // The log completes once, when both streams have ended in any way (done, failed, cancelled, refused upstream).
        ctx.log().whenComplete().thenRun(() -> activity.callEnded(target.sessionId(), method));
        RequestHeaders headers = TokenHeaders.forDriver(request.headers(), target);
        return driver(target.driverPort())
                .execute(request.withHeaders(headers))
                // Only failures before the driver's response headers land here, typically a refused connection: the
                // driver has just ended or is not listening yet. UNAVAILABLE tells clients that a retry may work.
                .recover(cause -> {
                    log.debug("Session {}: driver on port {} not reachable: {}", target.sessionId(), target.driverPort(), cause.toString());
                    return GrpcResponses.driverUnavailable();
                });
    }

    private WebClient driver(int port)
    {
        // One client per port; the connections themselves are pooled by the shared ClientFactory.
        return drivers.computeIfAbsent(port, key -> WebClient.builder("h2c://127.0.0.1:" + key)
                .factory(clientFactory)
                .responseTimeoutMillis(0)
                .writeTimeoutMillis(0)
                .maxResponseLength(0)
                .build());
    }

    /** {@code /spark.connect.SparkConnectService/ExecutePlan} to {@code spark.connect.SparkConnectService/ExecutePlan}. */
    static String methodOf(String path)
    {
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
