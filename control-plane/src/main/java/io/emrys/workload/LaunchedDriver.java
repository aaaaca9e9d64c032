package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.compute.connect.ConnectServerProcess;
import io.emrys.compute.driver.DriverProcess;
import java.util.Optional;

/**
 * A driver that the cluster manager started (or found again), with the ref the store keeps for it and its Spark
 * Connect endpoint when it serves a session.
 */
public record LaunchedDriver(DriverProcess process, DriverRef ref, Optional<ConnectEndpoint> connect)
{
    public LaunchedDriver
    {
        requireNonNull(process, "process is null");
        requireNonNull(ref, "ref is null");
        requireNonNull(connect, "connect is null");
    }

    public static LaunchedDriver job(ClusterManager cluster, DriverProcess process)
    {
        return new LaunchedDriver(process, cluster.ref(process), Optional.empty());
    }

    public static LaunchedDriver connectServer(ClusterManager cluster, ConnectServerProcess server)
    {
        return new LaunchedDriver(server.driver(), cluster.ref(server.driver()), Optional.of(new ConnectEndpoint(server.grpcPort(), server.secret(), server.ready())));
    }

    /** This driver, its execution role session (if it has one) renewed until it ends. */
    public LaunchedDriver renewing(Optional<RoleSessionFile> session)
    {
        session.ifPresent(file -> file.renewUntil(process.onExit()));
        return this;
    }
}
