package io.emrys.compute.connect;

import io.emrys.common.ConnectSecret;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncher;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.driver.DriverWorkDir;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/**
 * Starts one Spark Connect server driver per interactive session, and re-adopts them after a control plane
 * restart. Everything about the process (work dir layout, the {@code /bin/sh} wrapper that records
 * {@code exit-code}, stdout/stderr to files, surviving a control plane kill, exit watching, log archiving) is
 * {@link DriverLauncher}'s; this class adds the gRPC port and readiness.
 *
 * <p>Threading: the inner driver launcher's scheduler thread, plus one daemon thread for readiness probes.
 */
public final class ConnectServerLauncher
        implements AutoCloseable
{
    private static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(100);

    private final DriverLauncherConfig config;
    private final ConnectServerPlanner planner;
    private final Optional<ConnectClassArchive> classArchive;
    private final DriverLauncher drivers;
    private final ScheduledExecutorService prober;
    private final Duration probeInterval;

    /** A launcher without a class-data archive: every server loads Spark's classes from the jars. */
    public ConnectServerLauncher(DriverLauncherConfig config, Clock clock)
    {
        this(config, clock, Optional.empty(), DEFAULT_PROBE_INTERVAL);
    }

    /**
     * @param classArchiveDirectory where the shared class-data archives of Connect servers are kept (about 100 MB
     *        per runtime); empty for none. With one, servers after the first start about twice as fast
     * @param probeInterval how often a starting server's gRPC port is tried
     */
    public ConnectServerLauncher(DriverLauncherConfig config, Clock clock, Optional<Path> classArchiveDirectory, Duration probeInterval)
    {
        this.config = requireNonNull(config, "config is null");
        this.classArchive = requireNonNull(classArchiveDirectory, "classArchiveDirectory is null").map(ConnectClassArchive::new);
        this.planner = new ConnectServerPlanner(config);
        this.drivers = new DriverLauncher(config, clock);
        this.probeInterval = requireNonNull(probeInterval, "probeInterval is null");
        this.prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emrys-connect-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Throws VALIDATION when the session's configuration sets a property Emrys reserves
     * ({@link ConnectServerPlanner#RESERVED_PROPERTIES}); lets a session service refuse before storing anything.
     */
    public static void validate(SparkConfiguration configuration)
    {
        ConnectServerPlanner.validate(configuration);
    }

    /**
     * Starts the server and returns once its JVM has a pid; watch {@link ConnectServerProcess#ready()}. Throws
     * VALIDATION for a reserved property or bad settings (such as a malformed {@code spark.driver.memory}) before
     * anything is written, and INTERNAL when the process cannot be started.
     */
    public ConnectServerProcess launch(ConnectServerLaunchRequest request)
    {
        requireNonNull(request, "request is null");
        validate(request.configuration());
        int grpcPort = DriverLauncher.freeLoopbackPort();
        int uiPort = DriverLauncher.freeLoopbackPort();
        while (uiPort == grpcPort) {
            uiPort = DriverLauncher.freeLoopbackPort();
        }
        // chosen here, before the driver exists, and known only to this process and the driver's owner-only files
        ConnectSecret secret = ConnectSecret.random();
        DriverLaunchRequest driverRequest = planner.driverRequest(request, grpcPort, secret);
        List<String> jvmOptions = List.of();
        if (classArchive.isPresent()) {
            try {
                jvmOptions = classArchive.get().jvmOptions(request.runtime(), config.javaExecutable(), new DriverWorkDir(request.workDir()));
            }
            catch (IOException e) {
                throw new EmrysException(ErrorCode.INTERNAL, "Could not prepare the work dir of session " + request.sessionId(), e);
            }
        }
        DriverProcess driver = drivers.launch(driverRequest, planner.plan(driverRequest, uiPort, jvmOptions));
        return watch(driver, grpcPort, secret);
    }

    /**
     * Re-adopts a server after a control plane restart, as {@link DriverLauncher#adopt} does for drivers; the gRPC
     * port and the secret are read back from the work dir's Spark properties. Empty when the driver launcher cannot
     * adopt it or the work dir is not a Connect server's (or one started before servers had secrets). A re-adopted live server is probed again, so {@code ready()} completes
     * at once for one that was already serving.
     */
    public Optional<ConnectServerProcess> adopt(long pid, Path workDir)
    {
        Map<String, String> properties = sparkProperties(new DriverWorkDir(workDir));
        OptionalInt grpcPort = parsePort(properties.get(ConnectServerPlanner.GRPC_BINDING_PORT));
        Optional<ConnectSecret> secret = ConnectAuthentication.secretOf(properties);
        if (grpcPort.isEmpty() || secret.isEmpty()) {
            return Optional.empty();
        }
        return drivers.adopt(pid, workDir).map(driver -> watch(driver, grpcPort.getAsInt(), secret.get()));
    }

    @Override
    public void close()
    {
        prober.shutdownNow();
        drivers.close();
    }

    private ConnectServerProcess watch(DriverProcess driver, int grpcPort, ConnectSecret secret)
    {
        CompletableFuture<Void> ready = ConnectServerReadiness.await(grpcPort, driver.onExit(), prober, probeInterval);
        DriverWorkDir workDir = new DriverWorkDir(driver.workDir());
        driver.onExit().thenAcceptAsync(exit -> ConnectClassArchive.promote(workDir, exit.exitCode()), prober);
        return new ConnectServerProcess(driver, grpcPort, secret, ready);
    }

    /** The work dir's Spark properties; empty when there are none to read. */
    public static Map<String, String> sparkProperties(DriverWorkDir workDir)
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(workDir.sparkProperties(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
        Map<String, String> read = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> read.put(name, properties.getProperty(name)));
        return read;
    }

    public static OptionalInt parsePort(String value)
    {
        try {
            return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.strip()));
        }
        catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
