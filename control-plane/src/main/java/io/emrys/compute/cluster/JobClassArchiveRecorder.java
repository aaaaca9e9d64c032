package io.emrys.compute.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncher;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.driver.DriverPlanner;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.driver.ExecutorPlacement;
import io.emrys.compute.driver.JobClassArchives;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.compute.standalone.StandaloneHost;
import io.emrys.compute.standalone.StandaloneHostLauncher;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the {@link JobClassArchives} of a runtime with a job of Emrys's own, never a user's: a standalone host,
 * a PySpark driver on it ({@code spark.range} grouped and counted: SparkSubmit, PythonRunner, Py4J, the SQL engine)
 * and one executor. The host and the driver record into a scratch folder as they exit ({@code -XX:ArchiveClassesAtExit}).
 * The executor cannot: once its application ends the worker kills it after a few seconds, which is less than writing
 * an archive takes on a busy machine. So it runs with {@code -XX:+RecordDynamicDumpInfo}, the job waits after its work
 * until {@code jcmd <pid> VM.cds dynamic_dump} has written the executor's archive, and only then stops. Each recording
 * is checked by a JVM that must map it ({@code -Xshare:on} with the class path it was recorded with: a truncated or
 * mismatched file fails the check) and only then kept. Anything that goes wrong leaves no archive, and job runs start
 * as they would without one.
 *
 * <p>Threading: {@link #record} blocks for the whole warm-up (tens of seconds); run it on a background thread. An
 * interrupt stops the warm-up's JVMs (a few seconds' grace) and returns.
 */
public final class JobClassArchiveRecorder
{
    private static final Logger log = LoggerFactory.getLogger(JobClassArchiveRecorder.class);
    private static final Duration HOST_START = Duration.ofMinutes(3);
    private static final Duration DRIVER_RUN = Duration.ofMinutes(5);
    /** Executors and the host write their archive while they exit: a few seconds each on a busy machine. */
    private static final Duration EXIT_WAIT = Duration.ofMinutes(2);
    private static final Duration CHECK_WAIT = Duration.ofMinutes(1);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    private static final String RECORD_OPTION = "-XX:ArchiveClassesAtExit=";
    private static final Pattern EXECUTOR_CLASS_PATH = Pattern.compile("Spark Executor Command: \"[^\"]*\" \"-cp\" \"([^\"]*)\"");
    private static final String EXECUTOR_MAIN_CLASS = "CoarseGrainedExecutorBackend";
    /** argv[1]: the file it creates once its work is done; argv[2]: the file it waits for before it stops. */
    private static final String JOB = """
            import os, sys, time
            from pyspark.sql import SparkSession
            spark = SparkSession.builder.appName("emrys-class-archives").getOrCreate()
            spark.range(100).selectExpr("id % 3 AS k").groupBy("k").count().collect()
            open(sys.argv[1] + ".tmp", "w").close()
            os.rename(sys.argv[1] + ".tmp", sys.argv[1])
            deadline = time.time() + 300
            while not os.path.exists(sys.argv[2]) and time.time() < deadline:
                time.sleep(0.2)
            spark.stop()
            """;

    private final DriverLauncher drivers;
    private final DriverPlanner planner;
    private final StandaloneHostLauncher hosts;
    private final JobClassArchives archives;
    private final Path javaExecutable;
    private final Path scratchRoot;

    public JobClassArchiveRecorder(DriverLauncher drivers, DriverPlanner planner, StandaloneHostLauncher hosts, JobClassArchives archives,
            Path javaExecutable, Path scratchRoot)
    {
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.archives = requireNonNull(archives, "archives is null");
        this.javaExecutable = requireNonNull(javaExecutable, "javaExecutable is null");
        this.scratchRoot = requireNonNull(scratchRoot, "scratchRoot is null");
    }

    /** Records and keeps whatever archive {@code runtime} lacks; returns whether all of them are kept afterwards. */
    public boolean record(SparkRuntime runtime)
    {
        if (archives.complete(runtime)) {
            return true;
        }
        Path scratch;
        try {
            Files.createDirectories(scratchRoot);
            scratch = Files.createTempDirectory(scratchRoot, "record-");
        }
        catch (IOException e) {
            log.warn("Could not make a folder to record class-data archives in {}", scratchRoot, e);
            return false;
        }
        try {
            recordInto(runtime, scratch);
        }
        catch (IOException | RuntimeException e) {
            log.warn("Could not record the class-data archives of runtime {}: {}", runtime.home(), e.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            deleteQuietly(scratch);
        }
        return archives.complete(runtime);
    }

    private void recordInto(SparkRuntime runtime, Path scratch)
            throws IOException, InterruptedException
    {
        Path hostRecording = scratch.resolve("host.jsa");
        Path driverRecording = scratch.resolve("driver.jsa");
        Path executorRecording = scratch.resolve("executor.jsa");
        StandaloneHost host = hosts.start(runtime, scratch.resolve("host"), 1, 1024, List.of(RECORD_OPTION + hostRecording));
        DriverExit exit;
        boolean interrupted = false;
        try {
            String masterUrl = host.ready().get(HOST_START.toMillis(), TimeUnit.MILLISECONDS);
            Path job = scratch.resolve("record_classes.py");
            Files.writeString(job, JOB, StandardCharsets.UTF_8);
            Path driverDir = scratch.resolve("driver");
            Map<String, String> defaults = new LinkedHashMap<>();
            defaults.put("spark.dynamicAllocation.enabled", "false");
            defaults.put("spark.driver.memory", "1g");
            defaults.put("spark.driver.cores", "1");
            defaults.put("spark.ui.enabled", "false");
            Path workDone = scratch.resolve("work-done");
            Path executorDumped = scratch.resolve("executor-dumped");
            DriverLaunchRequest request = new DriverLaunchRequest("emrys-class-archives", runtime, job.toString(),
                    List.of(workDone.toString(), executorDumped.toString()), SparkSubmitParameters.NONE,
                    new SparkConfiguration(defaults, Map.of(), Map.of()), driverDir, driverDir.resolve("spark-events").toString(), Map.of(),
                    Optional.of(new ExecutorPlacement(masterUrl, 1, new MemorySize(512), 1, 1, 1, driverDir.resolve("worker-events.jsonl"), host.authSecretFile())));
            DriverPlan plan = recording(planner.plan(request, DriverLauncher.freeLoopbackPort()), driverRecording);
            DriverProcess driver = drivers.launch(request, plan);
            try {
                dumpExecutor(host, driver, workDone, executorRecording);
                Files.writeString(executorDumped, "", StandardCharsets.UTF_8);
                exit = driver.onExit().get(DRIVER_RUN.toMillis(), TimeUnit.MILLISECONDS);
            }
            finally {
                if (driver.isAlive()) {
                    driver.stop(SHUTDOWN_GRACE);
                }
            }
            if (exit.exitCode() != 0) {
                log.warn("The job that records class-data archives for runtime {} failed with exit code {}; see {}", runtime.home(), exit.exitCode(), driverDir);
                return;
            }
            awaitExecutorsEnded(host);
        }
        catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Could not record the class-data archives of runtime {}: {}", runtime.home(), e.toString());
            return;
        }
        catch (InterruptedException e) {
            // the server is stopping: no time to let the host write its archive
            interrupted = true;
            throw e;
        }
        finally {
            host.stop(interrupted ? SHUTDOWN_GRACE : EXIT_WAIT);
        }
        String runtimeClassPath = runtime.classPathWildcard() + File.pathSeparator + runtime.agentJar();
        keepIfMappable(hostRecording, runtimeClassPath, runtime, JobClassArchives.Kind.HOST);
        keepIfMappable(driverRecording, runtimeClassPath, runtime, JobClassArchives.Kind.DRIVER);
        Optional<String> executorClassPath = executorClassPath(scratch.resolve("host"));
        if (executorClassPath.isPresent()) {
            keepIfMappable(executorRecording, executorClassPath.get(), runtime, JobClassArchives.Kind.EXECUTOR);
        }
        log.info("Class-data archives for the job runs of runtime {}: {}", runtime.home(),
                archives.complete(runtime) ? "recorded" : "some could not be recorded; their JVMs start without one");
    }

    /** The plan with the driver recording as it exits, and its executor ready to be dumped while it runs. */
    private static DriverPlan recording(DriverPlan plan, Path driverRecording)
    {
        List<String> command = new ArrayList<>(plan.javaCommand());
        command.add(1, RECORD_OPTION + driverRecording);
        Map<String, String> properties = new LinkedHashMap<>(plan.sparkProperties());
        properties.merge("spark.executor.extraJavaOptions", "-XX:+RecordDynamicDumpInfo", (own, added) -> added + " " + own);
        return new DriverPlan(plan.workDir(), command, properties, plan.localEntryPoint(), plan.environment(), plan.driverCores(), plan.driverMemory(),
                plan.uiPort());
    }

    /**
     * Once the job's work is done (its marker file exists), has the executor write its archive with {@code jcmd};
     * returns early, leaving no executor recording, when the driver ends first or there is no {@code jcmd}.
     */
    private void dumpExecutor(StandaloneHost host, DriverProcess driver, Path workDone, Path executorRecording)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + DRIVER_RUN.toNanos();
        while (!Files.exists(workDone)) {
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(200);
        }
        Path jcmd = javaExecutable.resolveSibling("jcmd");
        Optional<ProcessHandle> executor = ProcessHandle.of(host.pid()).stream().flatMap(ProcessHandle::descendants)
                .filter(handle -> handle.info().commandLine().map(line -> line.contains(EXECUTOR_MAIN_CLASS)).orElse(false))
                .findFirst();
        if (!Files.isExecutable(jcmd) || executor.isEmpty()) {
            log.warn("No executor class-data archive for runtime: {}", executor.isEmpty() ? "the executor JVM was not found" : "no " + jcmd);
            return;
        }
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(executor.get().pid()), "VM.cds", "dynamic_dump", executorRecording.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!dump.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            dump.destroyForcibly();
            Files.deleteIfExists(executorRecording);
        }
        else if (dump.exitValue() != 0) {
            Files.deleteIfExists(executorRecording);
        }
    }

    /** The worker stops the executors once their application ends; the host must outlive them to record its own archive. */
    private static void awaitExecutorsEnded(StandaloneHost host)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        while (System.nanoTime() < deadline && ProcessHandle.of(host.pid()).map(handle -> handle.descendants().findAny().isPresent()).orElse(false)) {
            Thread.sleep(200);
        }
    }

    /** The class path the worker started the executor with, from the command line it logs into the executor's stderr. */
    private static Optional<String> executorClassPath(Path hostDir)
            throws IOException
    {
        Path workerDir = hostDir.resolve("worker");
        if (!Files.isDirectory(workerDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(workerDir)) {
            for (Path stderr : files.filter(path -> path.getFileName().toString().equals("stderr")).toList()) {
                Matcher matcher = EXECUTOR_CLASS_PATH.matcher(Files.readString(stderr, StandardCharsets.UTF_8));
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private void keepIfMappable(Path recording, String classPath, SparkRuntime runtime, JobClassArchives.Kind kind)
            throws IOException, InterruptedException
    {
        if (!Files.isRegularFile(recording)) {
            log.warn("No {} class-data archive was recorded for runtime {}", kind, runtime.home());
            return;
        }
        // -Xshare:on makes a JVM that cannot map the archive (truncated, or another class path) fail instead of going on without it
        Process check = new ProcessBuilder(javaExecutable.toString(), "-Xshare:on", "-XX:SharedArchiveFile=" + recording, "-cp", classPath, "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!check.waitFor(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            check.destroyForcibly();
        }
        if (check.isAlive() || check.exitValue() != 0) {
            log.warn("The {} class-data archive recorded for runtime {} cannot be mapped; it is not kept", kind, runtime.home());
            Files.deleteIfExists(recording);
            return;
        }
        archives.keep(recording, runtime, kind);
    }

    private static void deleteQuietly(Path folder)
    {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}", folder, e);
        }
    }
}
