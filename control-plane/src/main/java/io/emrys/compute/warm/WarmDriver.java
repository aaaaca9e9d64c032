package io.emrys.compute.warm;

import io.emrys.common.ConnectSecret;
import io.emrys.compute.connect.ConnectServerFailedException;
import io.emrys.compute.connect.ConnectServerProcess;
import io.emrys.compute.connect.ConnectServerReadiness;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * A pre-initialized driver: a driver JVM whose SparkSession is already up, waiting to be handed one job
 * ({@link #runJob}) or one interactive session ({@link #serveSession}). Started by {@link WarmDriverLauncher}.
 *
 * <p>The handoff is a file, {@code assignment.properties} in the work dir, written whole (temporary name, then
 * rename) and owner-only (its arguments and settings may be secret); the driver polls for it. A warm driver takes
 * exactly one assignment: after a job the JVM ends with the job's exit code, as a cold driver does, so
 * {@link #process()}'s {@code onExit()} is the job's outcome.
 */
public final class WarmDriver
{
    static final String ASSIGNMENT = "assignment.properties";
    static final String CONNECT_READY = "connect-ready";

    private final DriverProcess process;
    private final Map<String, String> sparkProperties;
    private final int grpcPort;
    private final ConnectSecret secret;
    private final CompletableFuture<WarmDriverReady> ready;
    private final ScheduledExecutorService prober;
    private final Duration probeInterval;
    private final AtomicBoolean assigned = new AtomicBoolean();

    WarmDriver(DriverProcess process, Map<String, String> sparkProperties, int grpcPort, ConnectSecret secret, CompletableFuture<WarmDriverReady> ready,
            ScheduledExecutorService prober, Duration probeInterval, boolean alreadyAssigned)
    {
        this.secret = requireNonNull(secret, "secret is null");
        this.assigned.set(alreadyAssigned);
        this.process = requireNonNull(process, "process is null");
        this.sparkProperties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(sparkProperties, "sparkProperties is null")));
        this.grpcPort = grpcPort;
        this.ready = requireNonNull(ready, "ready is null");
        this.prober = requireNonNull(prober, "prober is null");
        this.probeInterval = requireNonNull(probeInterval, "probeInterval is null");
    }

    /**
     * Completes once the driver's SparkSession is up (and, on a cluster, its initial executors registered or a
     * minute has passed); exceptionally with {@link WarmDriverFailedException} when it ends before that. It never
     * times out by itself. The returned stage is a copy.
     */
    public CompletableFuture<Void> ready()
    {
        return ready.thenApply(report -> null);
    }

    /** The Spark application id, once {@link #ready()} has completed. */
    public Optional<String> applicationId()
    {
        return Optional.ofNullable(ready.getNow(null)).map(WarmDriverReady::applicationId);
    }

    /** The Spark properties the driver started with; see {@link WarmDriverFit} for what a job may differ in. */
    public Map<String, String> sparkProperties()
    {
        return sparkProperties;
    }

    /** The driver JVM; its exit is the outcome of the job it was handed. */
    public DriverProcess process()
    {
        return process;
    }

    /** The loopback port Spark Connect listens on once {@link #serveSession()} has been called. */
    public int grpcPort()
    {
        return grpcPort;
    }

    /** The secret its Spark Connect server will require of every call; chosen when the driver was started. */
    public ConnectSecret secret()
    {
        return secret;
    }

    /**
     * Hands the driver a job: its {@code main} runs on the warm SparkSession, then the JVM exits with 0, 1 (main
     * threw; the exception is the last error line of stderr) or the code the job passed to {@code System.exit}.
     * Returns once the assignment is written; the driver picks it up within milliseconds once ready.
     *
     * @param entryPoint the application jar: a local path, {@code file:}, {@code local:}, {@code s3://} or {@code s3a://}
     * @param mainClass the class to run; empty for the jar manifest's {@code Main-Class}
     * @param runtimeSqlConf runtime SQL settings applied with {@code spark.conf().set} before {@code main}; see
     *        {@link WarmDriverFit#runtimeSqlConf}
     * @throws IllegalStateException when the driver was already handed work
     */
    public void runJob(String entryPoint, Optional<String> mainClass, List<String> args, Map<String, String> runtimeSqlConf)
    {
        requireNonNull(entryPoint, "entryPoint is null");
        requireNonNull(mainClass, "mainClass is null");
        requireNonNull(args, "args is null");
        requireNonNull(runtimeSqlConf, "runtimeSqlConf is null");
        Properties assignment = jobAssignment(entryPoint, args, runtimeSqlConf);
        mainClass.ifPresent(name -> assignment.setProperty("mainClass", name));
        assign(assignment);
    }

    /**
     * Hands the driver a PySpark job: the driver opens a Py4J gateway to its running SparkContext and starts the
     * job's Python against it (PySpark then uses that context instead of starting a JVM), with {@code pyFiles} added
     * to the context so the driver's and the executors' Python can import them. The JVM exits with the Python
     * process's exit code. Returns once the assignment is written.
     *
     * @param entryPoint the {@code .py}: a local path, {@code file:}, {@code local:}, {@code s3://} or {@code s3a://}
     * @param pyFiles the job's {@code --py-files} ({@code .py}, {@code .zip}, {@code .egg}), in the same forms
     * @throws IllegalStateException when the driver was already handed work
     */
    public void runPythonJob(String entryPoint, List<String> args, List<String> pyFiles, Map<String, String> runtimeSqlConf)
    {
        requireNonNull(entryPoint, "entryPoint is null");
        requireNonNull(args, "args is null");
        requireNonNull(pyFiles, "pyFiles is null");
        requireNonNull(runtimeSqlConf, "runtimeSqlConf is null");
        Properties assignment = jobAssignment(entryPoint, args, runtimeSqlConf);
        // the control plane decided this is a Python job (DriverPlanner.isPython); the driver does not guess again
        assignment.setProperty("kind", "python-job");
        numbered(assignment, "pyFile.", pyFiles);
        assign(assignment);
    }

    private static Properties jobAssignment(String entryPoint, List<String> args, Map<String, String> runtimeSqlConf)
    {
        Properties assignment = new Properties();
        assignment.setProperty("kind", "job");
        assignment.setProperty("entryPoint", entryPoint);
        numbered(assignment, "arg.", args);
        runtimeSqlConf.forEach((key, value) -> assignment.setProperty("conf." + key, value));
        return assignment;
    }

    private static void numbered(Properties assignment, String prefix, List<String> values)
    {
        for (int i = 0; i < values.size(); i++) {
            assignment.setProperty(prefix + i, requireNonNull(values.get(i), "a list of the assignment contains null"));
        }
    }

    /**
     * Hands the driver an interactive session: it starts Spark Connect on {@link #grpcPort()} (loopback only) and
     * serves until {@link #stop}. The returned server's {@code ready()} completes once the server has started and
     * its port accepts connections.
     *
     * @throws IllegalStateException when the driver was already handed work
     */
    public ConnectServerProcess serveSession()
    {
        Properties assignment = new Properties();
        assignment.setProperty("kind", "session");
        assign(assignment);
        Path connectReady = process.workDir().resolve(CONNECT_READY);
        // The file says the server started here; the port check that nothing else answers in its place.
        CompletableFuture<Boolean> serving = WarmDriverReadiness.await(
                () -> Files.exists(connectReady) && ConnectServerReadiness.accepts(grpcPort) ? Optional.of(Boolean.TRUE) : Optional.empty(),
                process.onExit(), exit -> new ConnectServerFailedException(exit.exitCode(), exit.lastErrorLine()), prober, probeInterval);
        return new ConnectServerProcess(process, grpcPort, secret, serving.thenApply(started -> null));
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns at once. See {@link DriverProcess#stop}. */
    public void stop(Duration grace)
    {
        process.stop(grace);
    }

    private void assign(Properties assignment)
    {
        if (!assigned.compareAndSet(false, true)) {
            throw new IllegalStateException("The pre-initialized driver " + process.runId() + " was already handed work");
        }
        Path file = process.workDir().resolve(ASSIGNMENT);
        Path temporary = process.workDir().resolve(ASSIGNMENT + ".tmp");
        try {
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                assignment.store(writer, null);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "Could not hand work to the pre-initialized driver " + process.runId(), e);
        }
    }

    @Override
    public String toString()
    {
        return "WarmDriver{runId=" + process.runId() + ", pid=" + process.pid() + ", grpcPort=" + grpcPort + ", workDir=" + process.workDir() + "}";
    }
}
