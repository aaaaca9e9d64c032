package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.connect.ConnectServerProcess;
import io.emrys.compute.driver.DriverProcess;
import java.util.Optional;

/** A driver JVM that compute started (or found again), with its Spark Connect endpoint when it serves a session. */
public record LaunchedDriver(DriverProcess process, Optional<ConnectEndpoint> connect)
{
    public LaunchedDriver
    {
        requireNonNull(process, "process is null");
        requireNonNull(connect, "connect is null");
    }

    public static LaunchedDriver job(DriverProcess process)
    {
        return new LaunchedDriver(process, Optional.empty());
    }

    public static LaunchedDriver connectServer(ConnectServerProcess server)
    {
        return new LaunchedDriver(server.driver(), Optional.of(new ConnectEndpoint(server.grpcPort(), server.ready())));
    }
}
