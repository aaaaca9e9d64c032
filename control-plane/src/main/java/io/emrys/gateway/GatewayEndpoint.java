package io.emrys.gateway;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * The gateway as users reach it, and the endpoint string GetSessionEndpoint returns.
 *
 * <p>The {@code endpoint} of GetSessionEndpoint is a Spark Connect connection string without credentials:
 * {@code sc://HOST:PORT/;use_ssl=true;x-emrys-session-id=SESSION}. A user appends the token and hands it to any Spark
 * Connect client: {@code SparkSession.builder.remote(endpoint + ";x-aws-proxy-auth=" + authToken)}, or
 * {@code + ";token=" + authToken}. Why this form: AWS does not document the format, and a string that Spark Connect
 * clients accept as it is serves every client (PySpark, the Scala/Java client, Spark Connect Go) without parsing. The
 * port is always written, even 443, because a {@code sc://} URL without a port means Spark Connect's 15002, not 443.
 * {@code x-emrys-session-id} travels as gRPC metadata (clients send unknown parameters as metadata), so the gateway
 * refuses a token of another session even though all sessions share one address.
 */
public record GatewayEndpoint(String host, int port, boolean tls)
{
    /** The Endpoint member's limit in the EMR Serverless model. */
    public static final int MAX_ENDPOINT_LENGTH = 256;

    public GatewayEndpoint
    {
        requireNonNull(host, "host is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
    }

    /** The gateway's address as a URL: {@code https://HOST:PORT}, or {@code http://} for a plaintext gateway. */
    public URI uri()
    {
        return URI.create((tls ? "https" : "http") + "://" + host + ":" + port);
    }

    /** What GetSessionEndpoint returns as {@code endpoint} for this session (at most 256 characters). */
    public String forSession(String sessionId)
    {
        requireNonNull(sessionId, "sessionId is null");
        if (sessionId.isEmpty() || !sessionId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            throw new IllegalArgumentException("sessionId must match [0-9a-z]+: " + sessionId);
        }
        String endpoint = "sc://" + host + ":" + port + "/" + (tls ? ";use_ssl=true" : "") + ";" + TokenHeaders.SESSION_ID + "=" + sessionId;
        if (endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw new IllegalStateException("the endpoint would be longer than " + MAX_ENDPOINT_LENGTH + " characters: " + endpoint);
        }
        return endpoint;
    }

    /**
     * A complete connection string for a client: {@link #forSession} plus {@code ;x-aws-proxy-auth=TOKEN}. The token
     * must not contain {@code ;}, {@code =} or {@code /}: clients split the parameters on them (hex or unpadded
     * URL-safe base64 tokens are fine).
     */
    public String connectionString(String sessionId, String token)
    {
        requireNonNull(token, "token is null");
        if (token.isEmpty() || token.chars().anyMatch(c -> c == ';' || c == '=' || c == '/' || c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("token must be printable ASCII without ';', '=' or '/'");
        }
        return forSession(sessionId) + ";" + TokenHeaders.PROXY_AUTH + "=" + token;
    }
}
