package io.emrys.session;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.compute.config.ClassificationDocuments;
import io.emrys.compute.config.CloudCommitter;
import io.emrys.pool.ColdPlacement;
import io.emrys.pool.ComputePools;
import io.emrys.pool.WarmTake;
import io.emrys.pool.WorkOwner;
import java.util.LinkedHashMap;
import io.emrys.compute.connect.ConnectServerLaunchRequest;
import io.emrys.compute.connect.ConnectServerLauncher;
import io.emrys.compute.connect.ConnectServerProcess;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.config.SparkConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Session drivers on the Spark runtimes: a Spark Connect server per session, configured with the application's
 * runtime configuration under the session's overrides, bound to loopback.
 */
public final class SparkSessionDrivers
        implements SessionDriverSupervisor
{
    private final RuntimeCatalog runtimes;
    private final ConnectServerLauncher launcher;
    private final Supplier<Map<String, String>> hadoopS3a;
    private final Function<String, String> uiProxyBase;
    private final ComputePools pools;

    public SparkSessionDrivers(RuntimeCatalog runtimes, ConnectServerLauncher launcher, Supplier<Map<String, String>> hadoopS3a,
            Function<String, String> uiProxyBase, ComputePools pools)
    {
        this.pools = requireNonNull(pools, "pools is null");
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.hadoopS3a = requireNonNull(hadoopS3a, "hadoopS3a is null");
        this.uiProxyBase = requireNonNull(uiProxyBase, "uiProxyBase is null");
    }

    @Override
    public void validate(Application application, SessionSpec spec)
    {
        runtimes.runtime(application.configuration().releaseLabel());
        ConnectServerLauncher.validate(configuration(application, spec));
    }

    @Override
    public SessionDriver launch(Application application, Session session, Path workDir)
    {
        SparkConfiguration configuration = configuration(application, session.spec());
        WorkOwner owner = WorkOwner.session(application.id().value(), session.id().value());
        Map<String, String> wanted = new LinkedHashMap<>(configuration.sparkDefaults());
        wanted.putIfAbsent("spark.ui.proxyBase", uiProxyBase.apply(dashboardId(session.id())));
        CloudCommitter.DEFAULTS.forEach(wanted::putIfAbsent);
        WarmTake take = pools.takeWarm(application, owner, wanted, configuration, workDir, false);
        if (take.driver().isPresent()) {
            return new ConnectDriver(take.driver().get().serveSession(), take.released(), true, Optional.empty());
        }
        ColdPlacement placement = pools.reserveCold(application, owner, wanted, workDir);
        ConnectServerProcess process;
        try {
            SparkConfiguration sized = new SparkConfiguration(withDriverSize(wanted, placement), configuration.driverLog4j2(), configuration.executorLog4j2());
            process = launcher.launch(new ConnectServerLaunchRequest(
                    session.id().value(),
                    runtimes.runtime(session.releaseLabel()),
                    sized,
                    workDir,
                    workDir.resolve("spark-events").toString(),
                    uiProxyBase.apply(dashboardId(session.id())),
                    hadoopS3a.get()).withExecutors(Optional.of(placement.placement())));
        }
        catch (RuntimeException e) {
            pools.abandon(owner);
            throw e;
        }
        return new ConnectDriver(process, pools.watchCold(owner, placement, process.onExit()), false, take.coldReason());
    }

    private static Map<String, String> withDriverSize(Map<String, String> wanted, ColdPlacement placement)
    {
        Map<String, String> sized = new LinkedHashMap<>(wanted);
        sized.putIfAbsent("spark.driver.cores", Integer.toString(placement.driver().cores()));
        sized.putIfAbsent("spark.driver.memory", placement.driver().memoryMb() + "m");
        return sized;
    }

    @Override
    public Optional<SessionDriver> adopt(Application application, Session session, long pid, Path workDir)
    {
        // the gRPC port comes back from the work dir's Spark properties, the one the driver really bound
        WorkOwner owner = WorkOwner.session(application.id().value(), session.id().value());
        return launcher.adopt(pid, workDir).map(process ->
                new ConnectDriver(process, pools.adopt(application, owner, workDir, process.onExit()), false, Optional.empty()));
    }

    /** The id under which the dashboard serves a session's UI (the same form as a job run attempt's). */
    public static String dashboardId(SessionId id)
    {
        return id.value() + "-1";
    }

    private static SparkConfiguration configuration(Application application, SessionSpec spec)
    {
        return SparkConfiguration.merge(
                ClassificationDocuments.fromJson(application.configuration().runtimeConfiguration(), "runtimeConfiguration"),
                ClassificationDocuments.fromJson(spec.runtimeConfiguration(), "configurationOverrides.runtimeConfiguration"));
    }

    /** {@code released}: the server's executors are settled (records closed, logs archived), so its logs can be published. */
    private record ConnectDriver(ConnectServerProcess process, CompletableFuture<Void> released, boolean preInitialized, Optional<String> note)
            implements SessionDriver
    {
        @Override
        public long pid()
        {
            return process.pid();
        }

        @Override
        public int grpcPort()
        {
            return process.grpcPort();
        }

        @Override
        public Optional<Integer> uiPort()
        {
            return Optional.of(process.uiPort());
        }

        @Override
        public double vcpu()
        {
            return process.size().vcpu();
        }

        @Override
        public double memoryGb()
        {
            return process.size().memoryGb();
        }

        @Override
        public double diskGb()
        {
            return process.size().diskGb();
        }

        @Override
        public CompletableFuture<Void> ready()
        {
            return process.ready();
        }

        @Override
        public CompletableFuture<Optional<String>> onExit()
        {
            return process.onExit().thenCombine(released.exceptionally(failure -> null), (exit, settled) -> exit.lastErrorLine());
        }

        @Override
        public void stop(Duration grace)
        {
            process.stop(grace);
        }
    }
}
