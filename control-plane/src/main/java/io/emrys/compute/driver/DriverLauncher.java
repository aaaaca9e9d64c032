package io.emrys.compute.driver;

import io.emrys.common.WorkerSize;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/**
 * Starts Spark drivers as child JVMs from a runtime folder and re-adopts them after a control plane restart.
 *
 * <p>Each driver runs under a tiny {@code /bin/sh} wrapper: the shell starts the JVM in the background, writes its
 * pid, waits for it and writes its exit status to {@code <workdir>/exit-code}. The JVM itself is
 * {@code org.apache.spark.deploy.SparkSubmit} in client mode (there is no separate spark-submit launcher JVM),
 * with stdin from {@code /dev/null} and stdout/stderr going straight to files, so no pipe ties it to the control
 * plane and it survives a {@code kill -9} of the control plane.
 *
 * <p>Threading: one daemon scheduler thread runs exit watching, kill timers and log archiving.
 */
public final class DriverLauncher
        implements AutoCloseable
{
    /** $1 = work dir, $2 = local entry point or empty, the rest = the java command. */
    static final String WRAPPER_SCRIPT = """
            dir=$1; entry=$2; shift 2
            if [ -n "$entry" ] && [ ! -f "$entry" ]; then
              echo "Error: the entry point $entry does not exist or is not a file" >&2
              code=1
            else
              "$@" &
              echo $! > "$dir/driver.pid"
              wait $!
              code=$?
            fi
            echo $code > "$dir/exit-code"
            exit $code
            """;
    private static final Duration PID_WAIT = Duration.ofSeconds(10);

    private final DriverLauncherConfig config;
    private final Clock clock;
    private final DriverPlanner planner;
    private final ScheduledExecutorService scheduler;
    private final DriverExitWatcher watcher;
    private final JobClassArchives classArchives;

    public DriverLauncher(DriverLauncherConfig config, Clock clock)
    {
        this(config, clock, JobClassArchives.none());
    }

    /** @param classArchives the class-data archives that job drivers and their executors map when they are kept */
    public DriverLauncher(DriverLauncherConfig config, Clock clock, JobClassArchives classArchives)
    {
        this.config = requireNonNull(config, "config is null");
        this.classArchives = requireNonNull(classArchives, "classArchives is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.planner = new DriverPlanner(config);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "emrys-driver-watcher");
            thread.setDaemon(true);
            return thread;
        });
        this.watcher = new DriverExitWatcher(config, clock, scheduler, new LogArchiver());
    }

    /**
     * Starts the driver and returns once its JVM has a pid. Throws VALIDATION for bad settings (such as a malformed
     * {@code spark.driver.memory}) and INTERNAL when the work dir cannot be prepared or the process not started.
     * A missing local entry point is not thrown: the driver fails at once with a clear last error line.
     */
    public DriverProcess launch(DriverLaunchRequest request)
    {
        DriverPlan plan = planner.plan(request, freeLoopbackPort());
        // only drivers with placed executors: their class path (runtime and agent) is the one the archives were recorded with
        return launch(request, request.executors().isPresent() ? classArchives.withArchives(plan, request.runtime()) : plan);
    }

    /**
     * Starts a driver from a plan made elsewhere (the Spark Connect server's, which runs {@code spark-internal}
     * rather than an entry point); {@code request} supplies the run id, event log dir and log4j2 settings.
     */
    public DriverProcess launch(DriverLaunchRequest request, DriverPlan plan)
    {
        DriverWorkDir workDir = plan.workDir();
        try {
            Files.createDirectories(workDir.tmp());
            Files.createDirectories(workDir.local());
            Files.deleteIfExists(workDir.exitCode());
            Files.deleteIfExists(workDir.pidFile());
            createIfLocal(request.eventLogDir());
            Map<String, String> properties = plan.sparkProperties();
            Optional<List<String>> executorOptions = ExecutorJavaOptions.movable(properties);
            if (executorOptions.isPresent()) {
                JavaArgumentFile.write(workDir.executorJavaArguments(), executorOptions.get());
                properties = ExecutorJavaOptions.pointedAt(properties, workDir.executorJavaArguments());
            }
            writeProperties(workDir.sparkProperties(), properties, true);
            if (!request.configuration().driverLog4j2().isEmpty()) {
                writeProperties(workDir.driverLog4j2(), Log4j2Defaults.overlay(request.configuration().driverLog4j2()), false);
            }
            if (!request.configuration().executorLog4j2().isEmpty()) {
                writeProperties(workDir.executorLog4j2(), Log4j2Defaults.overlay(request.configuration().executorLog4j2()), false);
            }
            if (plan.environment().containsKey(DriverPlanner.PYTHON_STDERR)) {
                writePythonSite(workDir);
            }
            if (plan.environment().containsKey(DriverPlanner.PYTHON_ARGUMENTS)) {
                PythonArgumentFile.write(workDir.pythonArguments(), request.entryPointArguments());
            }
            DriverInfo info = new DriverInfo(request.runId(), plan.uiPort(), clock.instant(),
                    new WorkerSize(plan.driverCores(), plan.driverMemory().gigabytes(), config.workerDiskGb()));
            info.write(workDir.driverInfo());

            Process shell = start(plan);
            ProcessHandle driver = awaitDriverPid(shell, workDir);
            CompletableFuture<DriverExit> exit = watcher.watchChild(shell, driver, workDir, info.size());
            return new DriverProcess(request.runId(), driver.pid(), Optional.of(driver), workDir, plan.uiPort(), info.startedAt(), info.size(), exit, scheduler);
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "Could not start the driver of job run " + request.runId(), e);
        }
    }

    /**
     * Re-adopts a driver after a control plane restart. Returns a process that is watched by polling when
     * {@code pid} is alive and really is the driver of {@code workDir} (its command line names the work dir);
     * a process whose exit is already known when the driver has ended and left its exit status; empty when
     * how it ended is unknown.
     */
    /** The exit status the wrapper shell wrote to {@code workDir} when the driver ended; empty if it wrote none. */
    public OptionalInt recordedExit(Path workDir)
    {
        return DriverExitWatcher.readExitCode(new DriverWorkDir(workDir).exitCode());
    }

    public Optional<DriverProcess> adopt(long pid, Path workDir)
    {
        // A run that took a warm driver has a symbolic link to the warm driver's folder as its work dir; the
        // driver's command line names the real folder.
        DriverWorkDir layout = new DriverWorkDir(realPath(workDir));
        Optional<DriverInfo> info = DriverInfo.read(layout.driverInfo());
        String runId = info.map(DriverInfo::runId).orElse(layout.root().getFileName().toString());
        int uiPort = info.map(DriverInfo::uiPort).orElse(0);
        Instant startedAt = info.map(DriverInfo::startedAt).orElseGet(clock::instant);
        WorkerSize size = info.map(DriverInfo::size).orElseGet(() ->
                new WorkerSize(config.defaultDriverCores(), config.defaultDriverMemory().gigabytes(), config.workerDiskGb()));

        Optional<ProcessHandle> alive = ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> isDriverOf(handle, layout));
        if (alive.isPresent()) {
            return Optional.of(new DriverProcess(runId, pid, alive, layout, uiPort, startedAt, size, watcher.watchAdopted(alive.get(), layout, size), scheduler));
        }
        OptionalInt exitCode = awaitExitCodeFile(layout);
        if (exitCode.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DriverProcess(runId, pid, Optional.empty(), layout, uiPort, startedAt, size,
                watcher.completed(exitCode.getAsInt(), layout, size), scheduler));
    }

    @Override
    public void close()
    {
        scheduler.shutdownNow();
    }

    private static Path realPath(Path workDir)
    {
        try {
            return workDir.toRealPath();
        }
        catch (IOException e) {
            return workDir;
        }
    }

    private static boolean isDriverOf(ProcessHandle handle, DriverWorkDir workDir)
    {
        // the argument file since drivers stopped showing their arguments; the properties file for drivers started before
        for (String marker : List.of("@" + workDir.javaArguments(), workDir.sparkProperties().toString())) {
            ProcessHandle.Info info = handle.info();
            if (info.commandLine().map(line -> line.contains(marker)).orElse(false)
                    || info.arguments().map(arguments -> List.of(arguments).contains(marker)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private static OptionalInt awaitExitCodeFile(DriverWorkDir workDir)
    {
        // The JVM may have ended a moment ago, with its shell about to record the status.
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (true) {
            OptionalInt code = DriverExitWatcher.readExitCode(workDir.exitCode());
            if (code.isPresent() || System.nanoTime() > deadline || !Files.exists(workDir.pidFile())) {
                return code;
            }
            sleep(20);
        }
    }

    private static void writePythonSite(DriverWorkDir workDir)
            throws IOException
    {
        Files.createDirectories(workDir.pythonSite());
        Path file = workDir.pythonSite().resolve("sitecustomize.py");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (InputStream in = DriverLauncher.class.getResourceAsStream("sitecustomize.py")) {
            Files.write(file, requireNonNull(in, "sitecustomize.py is missing from the control plane's jar").readAllBytes());
        }
    }

    private Process start(DriverPlan plan)
            throws IOException
    {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WRAPPER_SCRIPT, "emrys-driver",
                plan.workDir().root().toString(), plan.localEntryPoint().map(Path::toString).orElse("")));
        List<String> java = plan.javaCommand();
        JavaArgumentFile.write(plan.workDir().javaArguments(), java.subList(1, java.size()));
        command.add(java.get(0));
        command.add("@" + plan.workDir().javaArguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(plan.workDir().root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                // appended, so that a Python job's own stderr (sitecustomize.py) interleaves with the JVM's instead of overwriting it
                .redirectOutput(ProcessBuilder.Redirect.appendTo(plan.workDir().stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(plan.workDir().stderr().toFile()));
        Map<String, String> environment = builder.environment();
        // The operator's own AWS credentials must never reach a job: S3A would pick them up from the environment.
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.putAll(plan.environment());
        return builder.start();
    }

    private static ProcessHandle awaitDriverPid(Process shell, DriverWorkDir workDir)
            throws IOException
    {
        long deadline = System.nanoTime() + PID_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            OptionalLong pid = readPid(workDir.pidFile());
            if (pid.isPresent()) {
                Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong());
                // A JVM that died within microseconds is gone already; the shell still stands for it.
                return handle.orElseGet(shell::toHandle);
            }
            if (!shell.isAlive()) {
                // The shell refused to start the JVM (missing entry point): it is the whole "driver".
                return shell.toHandle();
            }
            sleep(1);
        }
        shell.destroyForcibly();
        throw new IOException("The driver wrapper did not report a pid within " + PID_WAIT);
    }

    private static OptionalLong readPid(Path pidFile)
    {
        try {
            String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        }
        catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void writeProperties(Path file, Map<String, String> values, boolean ownerOnly)
            throws IOException
    {
        Files.deleteIfExists(file);
        if (ownerOnly) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Properties properties = new Properties();
        properties.putAll(values);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, null);
        }
    }

    private static void createIfLocal(String directory)
            throws IOException
    {
        Optional<Path> local = DriverPlanner.localPath(directory);
        if (local.isPresent()) {
            Files.createDirectories(local.get());
        }
    }

    public static int freeLoopbackPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "No free loopback port for a Spark UI", e);
        }
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmrysException(ErrorCode.INTERNAL, "Interrupted while starting a driver", new InterruptedIOException());
        }
    }
}
