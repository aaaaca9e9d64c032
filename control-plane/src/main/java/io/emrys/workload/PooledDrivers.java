package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.common.WorkerSize;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.compute.driver.DriverExit;
import io.emrys.pool.ColdPlacement;
import io.emrys.pool.ComputePools;
import io.emrys.pool.WarmTake;
import io.emrys.pool.WorkOwner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The one way work gets a driver from an application's compute, for job runs and sessions alike: take a warm
 * driver when one serves the work, otherwise reserve room for a cold one and start it; watch it so that its
 * executors are recorded and settled; and after a restart, find it again with its reservation held anew.
 */
public final class PooledDrivers
{
    private final ComputePools pools;
    private final ClusterManager cluster;

    public PooledDrivers(ComputePools pools, ClusterManager cluster)
    {
        this.pools = requireNonNull(pools, "pools is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
    }

    public DriverHandle launch(Application application, WorkOwner owner, DriverLaunch launch)
    {
        WarmTake take = launch.coldOnly().isPresent()
                ? WarmTake.cold(launch.coldOnly().map(reason -> "Started cold: " + reason))
                : pools.takeWarm(application, owner, launch.wanted(), launch.configuration(), launch.workDir(), launch.runtimeSettingsAllowed());
        if (take.driver().isPresent()) {
            LaunchedDriver warm;
            try {
                warm = launch.onWarm().apply(take);
            }
            catch (RuntimeException e) {
                // taken but never handed the work (its role could not be assumed, its handoff not written): it must
                // not idle on outside the pool
                take.driver().get().stop(Duration.ZERO);
                throw e;
            }
            return new PooledDriver(cluster, warm, take.released(), true, Optional.empty());
        }
        ColdPlacement placement = pools.reserveCold(application, owner, launch.wanted(), launch.workDir());
        LaunchedDriver launched;
        try {
            launched = launch.onCold().apply(placement);
        }
        catch (RuntimeException e) {
            pools.abandon(owner);
            throw e;
        }
        try {
            placement.awaitMaster();
        }
        catch (RuntimeException e) {
            // the driver was waiting for a host that will never be ready
            cluster.stopDriver(launched.process(), Duration.ZERO);
            pools.abandon(owner);
            throw e;
        }
        return new PooledDriver(cluster, launched, pools.watchCold(owner, placement, launched.process().onExit()), false, take.coldReason());
    }

    /** The driver {@code found} again after a restart, its executors' records resumed and its capacity reserved again. */
    public DriverHandle adopt(Application application, WorkOwner owner, Path workDir, LaunchedDriver found)
    {
        return new PooledDriver(cluster, found, pools.adopt(application, owner, workDir, found.process().onExit()), false, Optional.empty());
    }

    /**
     * The outcome a driver left in its work dir before it ended (its wrapper writes the exit status), for a driver
     * that ended while the control plane was down.
     */
    public Optional<DriverOutcome> recordedExit(Path workDir)
    {
        OptionalInt exitCode = cluster.recordedExit(workDir);
        return exitCode.isPresent() ? Optional.of(new DriverOutcome(exitCode.getAsInt(), Optional.empty())) : Optional.empty();
    }

    /** {@code released}: the driver's executors are settled (records closed, logs archived), so the work may end. */
    private record PooledDriver(ClusterManager cluster, LaunchedDriver launched, CompletableFuture<Void> released, boolean preInitialized,
            Optional<String> note)
            implements DriverHandle
    {
        @Override
        public DriverRef ref()
        {
            return launched.ref();
        }

        @Override
        public Optional<Integer> uiPort()
        {
            return Optional.of(launched.process().uiPort());
        }

        @Override
        public WorkerSize size()
        {
            return launched.process().size();
        }

        @Override
        public CompletableFuture<DriverOutcome> onExit()
        {
            return launched.process().onExit().thenCombine(released.exceptionally(failure -> null), (exit, settled) -> outcome(exit));
        }

        @Override
        public void stop(Duration grace)
        {
            cluster.stopDriver(launched.process(), grace);
        }

        @Override
        public Optional<ConnectEndpoint> connect()
        {
            return launched.connect();
        }

        private static DriverOutcome outcome(DriverExit exit)
        {
            return new DriverOutcome(exit.exitCode(), exit.lastErrorLine());
        }
    }
}
