package io.emrys.session;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.compute.ClassificationDocuments;
import io.emrys.compute.ConnectServerLaunchRequest;
import io.emrys.compute.ConnectServerLauncher;
import io.emrys.compute.ConnectServerProcess;
import io.emrys.compute.RuntimeCatalog;
import io.emrys.compute.SparkConfiguration;
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

    public SparkSessionDrivers(RuntimeCatalog runtimes, ConnectServerLauncher launcher, Supplier<Map<String, String>> hadoopS3a,
            Function<String, String> uiProxyBase)
    {
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
        ConnectServerProcess process = launcher.launch(new ConnectServerLaunchRequest(
                session.id().value(),
                runtimes.runtime(session.releaseLabel()),
                configuration(application, session.spec()),
                workDir,
                workDir.resolve("spark-events").toString(),
                uiProxyBase.apply(dashboardId(session.id())),
                hadoopS3a.get()));
        return new ConnectDriver(process);
    }

    @Override
    public Optional<SessionDriver> adopt(long pid, Path workDir, int grpcPort)
    {
        return launcher.adopt(pid, workDir).map(ConnectDriver::new);
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

    private record ConnectDriver(ConnectServerProcess process)
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
            return process.worker().vCpu();
        }

        @Override
        public double memoryGb()
        {
            return process.worker().memoryGb();
        }

        @Override
        public double diskGb()
        {
            return process.worker().diskGb();
        }

        @Override
        public CompletableFuture<Void> ready()
        {
            return process.ready();
        }

        @Override
        public CompletableFuture<Optional<String>> onExit()
        {
            return process.onExit().thenApply(exit -> exit.lastErrorLine());
        }

        @Override
        public void stop(Duration grace)
        {
            process.stop(grace);
        }
    }
}
