package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;

/**
 * What a driver that serves Spark Connect adds to its {@link DriverHandle}: the loopback gRPC port the gateway
 * forwards a session's calls to, and when it starts accepting them.
 *
 * @param ready completes once clients can connect; fails with the reason if the driver ends first
 */
public record ConnectEndpoint(int grpcPort, CompletableFuture<Void> ready)
{
    public ConnectEndpoint
    {
        requireNonNull(ready, "ready is null");
    }
}
