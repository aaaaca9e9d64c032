package io.emrys.gateway;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.RequestHeaders;
import io.netty.util.AsciiString;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the credentials of a Spark Connect call from its gRPC metadata (HTTP/2 headers), and removes them before the
 * call goes on to a driver.
 *
 * <ul>
 * <li>{@code x-aws-proxy-auth: TOKEN}: what {@code sc://...;x-aws-proxy-auth=TOKEN} sends (a Spark Connect client
 * turns every parameter it does not know into metadata).</li>
 * <li>{@code authorization: Bearer TOKEN}: what {@code sc://...;token=TOKEN} sends, in every Spark Connect client.</li>
 * <li>{@code x-emrys-session-id: ID} (optional): the session the client means to reach, from the endpoint that
 * GetSessionEndpoint returned. When present it must name the token's own session.</li>
 * </ul>
 * {@code x-aws-proxy-auth} wins when both token headers are present. A header given more than once is ambiguous and
 * counts as absent, so such a call is refused.
 */
public final class TokenHeaders
{
    public static final AsciiString PROXY_AUTH = HttpHeaderNames.of("x-aws-proxy-auth");
    public static final AsciiString SESSION_ID = HttpHeaderNames.of("x-emrys-session-id");

    private static final String BEARER = "bearer";

    private TokenHeaders() {}

    /** The token of the call; empty when it carries none, or an ambiguous or malformed one. */
    public static Optional<String> token(HttpHeaders headers)
    {
        Optional<String> proxyAuth = single(headers, PROXY_AUTH);
        if (proxyAuth.isPresent()) {
            return proxyAuth;
        }
        return single(headers, HttpHeaderNames.AUTHORIZATION).flatMap(TokenHeaders::bearerToken);
    }

    /** The session the client says it means to reach ({@code x-emrys-session-id}); empty when it says none. */
    public static Optional<String> claimedSessionId(HttpHeaders headers)
    {
        return single(headers, SESSION_ID);
    }

    /** Whether {@code x-emrys-session-id} is given more than once: such a call is refused. */
    static boolean hasAmbiguousSessionId(HttpHeaders headers)
    {
        return headers.getAll(SESSION_ID).size() > 1;
    }

    /**
     * The headers to send to the driver on {@code 127.0.0.1:port}: without the client's token and session headers
     * (the driver has no use for them, and its logs must not see them), with the driver's own authority and its
     * secret as {@code authorization: Bearer SECRET}, the one credential the driver accepts (on Spark 4 its own
     * pre-shared token check, on Spark 3.5 the driver agent's interceptor).
     */
    public static RequestHeaders forDriver(RequestHeaders headers, SessionTarget target)
    {
        return headers.toBuilder()
                .removeAndThen(PROXY_AUTH)
                .removeAndThen(HttpHeaderNames.AUTHORIZATION)
                .removeAndThen(SESSION_ID)
                .removeAndThen(HttpHeaderNames.HOST)
                .authority("127.0.0.1:" + target.driverPort())
                .add(HttpHeaderNames.AUTHORIZATION, "Bearer " + target.driverSecret().value())
                .build();
    }

    /** {@code Bearer TOKEN} (scheme in any case, RFC 6750) to {@code TOKEN}. */
    static Optional<String> bearerToken(String authorization)
    {
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        String token = authorization.substring(space + 1).strip();
        return token.isEmpty() || token.indexOf(' ') >= 0 ? Optional.empty() : Optional.of(token);
    }

    private static Optional<String> single(HttpHeaders headers, AsciiString name)
    {
        List<String> values = headers.getAll(name);
        if (values.size() != 1) {
            return Optional.empty();
        }
        String value = values.get(0).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
