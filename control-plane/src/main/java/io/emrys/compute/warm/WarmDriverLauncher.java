package io.emrys.compute.warm;

import io.emrys.common.ConnectSecret;
import io.emrys.compute.connect.ConnectAuthentication;
import io.emrys.compute.connect.ConnectServerLauncher;
import io.emrys.compute.connect.ConnectServerPlanner;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncher;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.driver.DriverWorkDir;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/**
 * Starts pre-initialized (warm) drivers: driver JVMs that start their SparkSession before any job or session
 * exists, so that a job handed to one skips the JVM start, class loading and SparkContext start (several seconds
 * of a cold run). Everything about the process (wrapper, pid, exit code, log archiving, surviving a control plane
 * kill) is {@link DriverLauncher}'s; {@link WarmDriverPlanner} changes what the JVM runs.
 *
 * <p>Threading: the inner driver launcher's scheduler thread, plus one daemon thread that polls the work dirs of
 * starting drivers and servers.
 */
public final class WarmDriverLauncher
        implements AutoCloseable
{
    /** What a handoff waits at most for the driver's report; a file check is cheap, so keep it short. */
    private static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(10);

    private final WarmDriverPlanner planner;
    private final DriverLauncher drivers;
    private final ScheduledExecutorService prober;
    private final Duration probeInterval;

    public WarmDriverLauncher(DriverLauncherConfig config, Clock clock)
    {
        this(config, clock, DEFAULT_PROBE_INTERVAL);
    }

    /** @param probeInterval how often a starting driver's work dir is checked for its reports */
    public WarmDriverLauncher(DriverLauncherConfig config, Clock clock, Duration probeInterval)
    {
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        this.planner = new WarmDriverPlanner(config);
        this.drivers = new DriverLauncher(config, clock);
        this.probeInterval = requireNonNull(probeInterval, "probeInterval is null");
        this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emrys-warm-driver-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts a warm driver with the settings of {@code request} (its entry point and arguments are not used; the
     * job comes with {@link WarmDriver#runJob}) and returns once its JVM has a pid; watch {@link WarmDriver#ready()}.
     * Throws VALIDATION for bad settings and INTERNAL when the process cannot be started, as
     * {@link DriverLauncher#launch} does.
     */
    public WarmDriver start(DriverLaunchRequest request)
    {
        return start(request, WarmDriverWarmUp.SPARK_SQL);
    }

    /** As {@link #start(DriverLaunchRequest)}, with the warm-up the driver runs before it reports ready. */
    public WarmDriver start(DriverLaunchRequest request, WarmDriverWarmUp warmUp)
    {
        requireNonNull(request, "request is null");
        requireNonNull(warmUp, "warmUp is null");
        int uiPort = DriverLauncher.freeLoopbackPort();
        int grpcPort = DriverLauncher.freeLoopbackPort();
        while (grpcPort == uiPort) {
            grpcPort = DriverLauncher.freeLoopbackPort();
        }
        // per driver, not per session: the session that takes this driver later is reached with it
        ConnectSecret secret = ConnectSecret.random();
        DriverPlan plan = planner.plan(request, uiPort, grpcPort, secret, warmUp);
        clearReports(plan.workDir().root());
        DriverProcess process = drivers.launch(request, plan);
        return watch(process, plan.sparkProperties(), grpcPort, secret, false);
    }

    /**
     * Re-adopts a warm driver after a control plane restart, as {@link DriverLauncher#adopt} does for drivers; its
     * Spark properties and Spark Connect port are read back from the work dir. Empty when the driver launcher cannot
     * adopt it or the work dir is not a warm driver's. A driver that was already handed work refuses more; one that
     * serves a session is re-adopted as a Connect server with {@link ConnectServerLauncher#adopt}.
     */
    public Optional<WarmDriver> adopt(long pid, Path workDir)
    {
        DriverWorkDir layout = new DriverWorkDir(workDir);
        Map<String, String> properties = ConnectServerLauncher.sparkProperties(layout);
        OptionalInt grpcPort = ConnectServerLauncher.parsePort(properties.get(ConnectServerPlanner.GRPC_BINDING_PORT));
        Optional<ConnectSecret> secret = ConnectAuthentication.secretOf(properties);
        if (grpcPort.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        boolean assigned = Files.exists(layout.root().resolve(WarmDriver.ASSIGNMENT));
        return drivers.adopt(pid, layout.root()).map(process -> watch(process, properties, grpcPort.getAsInt(), secret.get(), assigned));
    }

    private WarmDriver watch(DriverProcess process, Map<String, String> properties, int grpcPort, ConnectSecret secret, boolean assigned)
    {
        CompletableFuture<WarmDriverReady> ready = WarmDriverReadiness.await(() -> WarmDriverReady.read(process.workDir()), process.onExit(),
                exit -> new WarmDriverFailedException(exit.exitCode(), exit.lastErrorLine()), prober, probeInterval);
        return new WarmDriver(process, properties, grpcPort, secret, ready, prober, probeInterval, assigned);
    }

    /** A work dir used before must not tell a new driver's story with the old driver's files. */
    private static void clearReports(Path workDir)
    {
        try {
            for (String name : List.of(WarmDriverReady.FILE, WarmDriver.ASSIGNMENT, WarmDriver.CONNECT_READY)) {
                Files.deleteIfExists(workDir.resolve(name));
            }
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "Could not prepare the work dir " + workDir, e);
        }
    }

    @Override
    public void close()
    {
        prober.shutdownNow();
        drivers.close();
    }
}
