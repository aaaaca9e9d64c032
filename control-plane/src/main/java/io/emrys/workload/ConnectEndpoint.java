package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ConnectSecret;
import java.util.concurrent.CompletableFuture;

/**
 * What a driver that serves Spark Connect adds to its {@link DriverHandle}: the loopback gRPC port the gateway
 * forwards a session's calls to, the secret the driver requires of each of them, and when it starts accepting them.
 *
 * @param secret kept in memory only (never stored with the session); its {@code toString} hides it
 * @param ready completes once clients can connect; fails with the reason if the driver ends first
 */
public record ConnectEndpoint(int grpcPort, ConnectSecret secret, CompletableFuture<Void> ready)
{
    public ConnectEndpoint
    {
        requireNonNull(secret, "secret is null");
        requireNonNull(ready, "ready is null");
    }
}
