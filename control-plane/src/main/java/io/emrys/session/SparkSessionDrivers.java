package io.emrys.session;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.compute.config.ClassificationDocuments;
import io.emrys.compute.config.CloudCommitter;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.connect.ConnectServerLaunchRequest;
import io.emrys.compute.connect.ConnectServerPlanner;
import io.emrys.compute.runtime.ReleaseFeature;
import io.emrys.error.EmrysException;
import io.emrys.compute.runtime.ReleaseLabel;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.pool.ColdPlacement;
import io.emrys.pool.WorkOwner;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverLaunch;
import io.emrys.workload.DriverOutcome;
import io.emrys.workload.LaunchedDriver;
import io.emrys.workload.PooledDrivers;
import io.emrys.workload.RoleSessionFile;
import io.emrys.workload.WorkCredentials;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Session drivers on the Spark runtimes: a Spark Connect server per session, configured with the application's
 * runtime configuration under the session's overrides, bound to loopback, started through the application's pool.
 */
public final class SparkSessionDrivers
        implements SessionDrivers
{
    private final RuntimeCatalog runtimes;
    private final ClusterManager cluster;
    private final Supplier<Map<String, String>> hadoopS3a;
    private final Function<String, String> uiProxyBase;
    private final PooledDrivers drivers;
    private final WorkCredentials credentials;

    public SparkSessionDrivers(RuntimeCatalog runtimes, ClusterManager cluster, Supplier<Map<String, String>> hadoopS3a,
            Function<String, String> uiProxyBase, PooledDrivers drivers, WorkCredentials credentials)
    {
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.hadoopS3a = requireNonNull(hadoopS3a, "hadoopS3a is null");
        this.uiProxyBase = requireNonNull(uiProxyBase, "uiProxyBase is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
    }

    @Override
    public void validate(Application application, SessionSpec spec)
    {
        ReleaseLabel release = runtimes.releaseLabel(application.configuration().releaseLabel());
        if (!runtimes.releases().supports(release, ReleaseFeature.INTERACTIVE_SESSIONS)) {
            throw EmrysException.validation("Interactive sessions are not supported for release label %s. Use release label %s or later."
                    .formatted(release.label(), runtimes.releases().firstLabel(ReleaseFeature.INTERACTIVE_SESSIONS)));
        }
        runtimes.runtime(release.label());
        credentials.validate(spec.executionRoleArn(), Optional.empty(), List.of());
        ConnectServerPlanner.validate(configuration(application, spec));
    }

    @Override
    public DriverHandle launch(Application application, Session session, Path workDir)
    {
        SparkConfiguration configuration = configuration(application, session.spec());
        Map<String, String> wanted = new LinkedHashMap<>(configuration.sparkDefaults());
        wanted.putIfAbsent("spark.ui.proxyBase", uiProxyBase.apply(session.dashboardId()));
        CloudCommitter.DEFAULTS.forEach(wanted::putIfAbsent);
        Map<String, String> s3a = credentials.driverS3a(hadoopS3a.get(), workDir);
        return drivers.launch(application, owner(application, session), new DriverLaunch(wanted, configuration, workDir, false, Optional.empty(),
                take -> {
                    // a warm driver acts as the session's role from the handoff on: its file changes before it serves
                    Optional<RoleSessionFile> role = roleSession(take.driver().orElseThrow().process().workDir(), session);
                    return LaunchedDriver.connectServer(cluster, take.driver().orElseThrow().serveSession()).renewing(role);
                },
                placement -> {
                    Optional<RoleSessionFile> role = roleSession(workDir, session);
                    return LaunchedDriver.connectServer(cluster, cluster.launchConnectServer(new ConnectServerLaunchRequest(
                            session.id().value(),
                            runtimes.runtime(session.releaseLabel()),
                            new SparkConfiguration(withDriverSize(wanted, placement), configuration.driverLog4j2(), configuration.executorLog4j2()),
                            workDir,
                            workDir.resolve("spark-events").toString(),
                            uiProxyBase.apply(session.dashboardId()),
                            s3a).withExecutors(Optional.of(placement.placement())))).renewing(role);
                }));
    }

    /** The session driver acts in S3 as a session of its execution role named after the session. */
    private Optional<RoleSessionFile> roleSession(Path driverWorkDir, Session session)
    {
        return credentials.roleSession(driverWorkDir, session.spec().executionRoleArn(), session.id().value(), Optional.empty(), List.of());
    }

    private static Map<String, String> withDriverSize(Map<String, String> wanted, ColdPlacement placement)
    {
        Map<String, String> sized = new LinkedHashMap<>(wanted);
        sized.putIfAbsent("spark.driver.cores", Integer.toString(placement.driver().cores()));
        sized.putIfAbsent("spark.driver.memory", placement.driver().memoryMb() + "m");
        return sized;
    }

    @Override
    public Optional<DriverHandle> adopt(Application application, Session session, DriverRef ref, Path workDir)
    {
        // the gRPC port comes back from the work dir's Spark properties, the one the driver really bound
        return cluster.adoptConnectServer(ref, workDir)
                .map(server -> drivers.adopt(application, owner(application, session), workDir, LaunchedDriver.connectServer(cluster, server)));
    }

    @Override
    public Optional<DriverOutcome> recordedExit(Path workDir)
    {
        return drivers.recordedExit(workDir);
    }

    private static WorkOwner owner(Application application, Session session)
    {
        return WorkOwner.session(application.id(), session.id());
    }

    private static SparkConfiguration configuration(Application application, SessionSpec spec)
    {
        return SparkConfiguration.merge(
                ClassificationDocuments.fromJson(application.configuration().runtimeConfiguration(), "runtimeConfiguration"),
                ClassificationDocuments.fromJson(spec.runtimeConfiguration(), "configurationOverrides.runtimeConfiguration"));
    }
}
