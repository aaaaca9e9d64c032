package io.emrys.gateway;

import io.emrys.common.ConnectSecret;

import static java.util.Objects.requireNonNull;

/**
 * Where the calls made with one token go: the session they belong to, the loopback port of that session's Spark
 * Connect server driver (bound to {@code 127.0.0.1}, plaintext HTTP/2), and the secret that driver requires of
 * every call, which the gateway adds in place of the client's token ({@link TokenHeaders#forDriver}).
 */
public record SessionTarget(String sessionId, int driverPort, ConnectSecret driverSecret)
{
    public SessionTarget
    {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(driverSecret, "driverSecret is null");
        if (sessionId.isEmpty()) {
            throw new IllegalArgumentException("sessionId is empty");
        }
        if (driverPort < 1 || driverPort > 65535) {
            throw new IllegalArgumentException("driverPort must be 1..65535: " + driverPort);
        }
    }
}
