package io.emrys.bench;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.EmrysProcess;
import io.emrys.testing.EmrysServerCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run}: one run of the end-to-end benchmarks against a fresh control plane on loopback. Bounded by
 * its fixed counts and durations; progress goes to stderr, the Markdown tables to stdout and the output file.
 */
@Command(name = "bench/run", mixinStandardHelpOptions = true,
        description = "Cold job turnaround against raw Spark, GetJobRun latency at a fixed rate, interactive sessions against a raw Spark Connect server, "
                + "warm (pre-initialized) against cold against raw Spark, memory, and a small real job (CSV on S3 to Parquet on S3) against raw Spark, in one run.")
public final class BenchMain
        implements Callable<Integer>
{
    private static final String MAIN_CLASS = "io.emrys.testjobs.Trivial";
    private static final int DRIVER_CORES = 1;
    private static final MemorySize DRIVER_MEMORY = new MemorySize(1024);

    @Option(names = "--project-root", required = true, description = "The Emrys checkout (built: runtime, test jobs, control plane).")
    Path projectRoot;

    @Option(names = "--runs", defaultValue = "5", description = "Measured cold runs of each kind (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup-rounds", defaultValue = "1", description = "Discarded rounds before them (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--rate", defaultValue = "1000", description = "GetJobRun requests per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--duration", defaultValue = "10", description = "Measured seconds of GetJobRun load per client (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--load-warmup", defaultValue = "3", description = "Unmeasured seconds of load before that (default: ${DEFAULT-VALUE}).")
    int loadWarmupSeconds;

    @Option(names = "--headroom-rate", defaultValue = "250",
            description = "A second, lower rate measured with the light client, to tell per-request latency from saturation; 0 skips it (default: ${DEFAULT-VALUE}).")
    int headroomRate;

    @Option(names = "--threads", defaultValue = "8", description = "Load client threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--parts", split = ",", defaultValue = "jobs,sessions,capacity,realjob,pyspark",
            description = "What to measure: jobs (cold job runs, GetJobRun load), sessions (cold sessions, gateway), capacity (warm vs cold vs raw "
                    + "jobs and sessions, process-tree memory), realjob (CSV on s3:// aggregated to Parquet on s3:// and read back: Emrys cold and "
                    + "warm vs raw Spark on the same object store), pyspark (a PySpark job warm vs cold vs raw spark-submit, and the PySpark Connect "
                    + "client's first result on warm and cold sessions vs a raw Spark Connect server), growth (StartJobRun accepted per minute "
                    + "with runs queued, GetJobRun/ListJobRuns latency and memory with 1k-100k stored runs, idle memory; only on request), "
                    + "idlesessions (how many idle sessions with their drivers one application holds, and each driver's RSS; only on request) "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Part> parts;

    @Option(names = "--growth-submissions", defaultValue = "2000",
            description = "growth: StartJobRun calls measured, all queued (default: ${DEFAULT-VALUE}, AWS's default quota of queued runs).")
    int growthSubmissions;

    @Option(names = "--growth-sizes", split = ",", defaultValue = "1000,10000,100000",
            description = "growth: stored job runs at each step, ascending (default: ${DEFAULT-VALUE}).")
    List<Integer> growthSizes;

    @Option(names = "--idle-sessions", defaultValue = "25",
            description = "idlesessions: sessions started at once on one application (default: ${DEFAULT-VALUE}, AWS's default limit).")
    int idleSessions;

    @Option(names = "--growth-calls", defaultValue = "1000", description = "growth: measured calls per latency figure (default: ${DEFAULT-VALUE}).")
    int growthCalls;

    @CommandLine.Mixin
    PerLineOptions perLine = new PerLineOptions();

    @Option(names = "--session-runs", defaultValue = "3", description = "Measured cold sessions and raw Connect servers, each (default: ${DEFAULT-VALUE}).")
    int sessionRuns;

    @Option(names = "--session-warmup-rounds", defaultValue = "1",
            description = "Discarded raw Connect server runs before them (client classes, page cache) (default: ${DEFAULT-VALUE}).")
    int sessionWarmupRounds;

    @Option(names = "--collect-rows", defaultValue = "2000000", description = "Rows per gateway throughput transfer (default: ${DEFAULT-VALUE}).")
    long collectRows;

    @Option(names = "--transfers", defaultValue = "5", description = "Measured transfers per path (default: ${DEFAULT-VALUE}).")
    int transfers;

    @Option(names = "--calls", defaultValue = "1000", description = "Measured SELECT 1 round trips per path (default: ${DEFAULT-VALUE}).")
    int calls;

    @Option(names = "--plaintext-gateway", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also measure through a second server's plaintext gateway (default: ${DEFAULT-VALUE}).")
    boolean plaintextGateway;

    @Option(names = "--output", description = "Where to write the Markdown (default: <project-root>/bench/results/latest.md).")
    Path output;

    @Option(names = "--jfr", description = "Record the control plane with Java Flight Recorder during the GetJobRun load into this file.")
    Path jfr;

    @Option(names = "--keep-data", description = "Keep the temporary data folder (server logs, driver work dirs).")
    boolean keepData;

    enum Part
    {
        jobs, sessions, capacity, realjob, pyspark, growth, idlesessions
    }

    public static void main(String[] args)
    {
        // bench/run --quick puts its preset first: options given after it replace the preset's
        System.exit(new CommandLine(new BenchMain()).setOverwrittenOptionsAllowed(true).execute(args));
    }

    @Override
    public Integer call()
            throws Exception
    {
        if (runs < 1 || warmupRounds < 0 || sessionRuns < 1 || sessionWarmupRounds < 0 || collectRows < 1 || collectRows > Integer.MAX_VALUE
                || transfers < 1 || calls < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--runs, --session-runs, --collect-rows, --transfers and --calls must be at "
                    + "least 1, --warmup-rounds and --session-warmup-rounds at least 0");
        }
        perLine.validate(new CommandLine(this));
        Path root = projectRoot.toAbsolutePath().normalize();
        Path jar = root.resolve("test-jobs/target/emrys-test-jobs-0.1.0-SNAPSHOT.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Build first (mvn -q -B -DskipTests install at the project root): missing " + jar);
        }
        RuntimeCatalog catalog = RuntimeCatalog.forProjectRoot(root);
        SparkRuntime baseline = catalog.runtime(ReleaseLines.BASELINE_LABEL);
        List<SparkRuntime> lines = perLine.runtimes(catalog, new CommandLine(this));
        List<SparkRuntime> pysparkLines = perLine.pysparkRuntimes(catalog, new CommandLine(this));
        Path scratch = Files.createTempDirectory("emrys-bench");
        System.err.println("emrys-bench: scratch folder " + scratch);
        try {
            String measured = measure(root, jar, baseline, lines, pysparkLines, scratch);
            String goals = GoalSummary.of(measured);
            String report = measured + "\n" + goals;
            Path file = output != null ? output : root.resolve("bench/results/latest.md");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, report, StandardCharsets.UTF_8);
            System.out.print(report);
            System.err.println("emrys-bench: wrote " + file);
            return 0;
        }
        finally {
            if (!keepData) {
                deleteTree(scratch);
            }
        }
    }

    /**
     * @param runtime the baseline label's runtime: the jobs and sessions parts and the capacity sessions
     * @param lines the runtimes of the labels whose capacity jobs and real job are measured, in order
     * @param pysparkLines the runtimes of the labels whose PySpark job is measured, in order
     */
    private static final Duration CLASS_ARCHIVE_WAIT = Duration.ofMinutes(10);

    private String measure(Path root, Path jar, SparkRuntime runtime, List<SparkRuntime> lines, List<SparkRuntime> pysparkLines, Path scratch)
            throws IOException, InterruptedException
    {
        Instant started = Instant.now();
        String loadBefore = RunFacts.loadAverage();
        // growth starts servers of its own (no class-data recording, history written while stopped), before the shared one
        Optional<String> growth = Optional.empty();
        if (parts.contains(Part.growth)) {
            growth = Optional.of(new GrowthPart(new GrowthPart.Settings(growthSubmissions, threads, growthSizes, growthCalls), serverCommand(root), jar, scratch)
                    .run());
        }
        // so do idle sessions: quotas raised, many drivers at once
        Optional<String> idleSessionsReport = Optional.empty();
        if (parts.contains(Part.idlesessions)) {
            idleSessionsReport = Optional.of(new IdleSessionsPart(new IdleSessionsPart.Settings(idleSessions), serverCommand(root), runtime, scratch).run());
        }
        if (parts.stream().allMatch(part -> part == Part.growth || part == Part.idlesessions)) {
            MarkdownReport alone = new MarkdownReport().header("Emrys end-to-end benchmark",
                    RunFacts.opening(root, started, loadBefore, RunFacts.loadAverage(), runtime, lines, commandLine()));
            growth.ifPresent(alone::section);
            idleSessionsReport.ifPresent(alone::section);
            return alone.render();
        }
        try (EmrysProcess server = new EmrysProcess(serverCommand(root), scratch.resolve("data"), List.of()).start()) {
            System.err.println("emrys-bench: server pid " + server.pid() + " at " + server.apiEndpoint());
            awaitJobClassArchives(server.dataDir());
            Optional<ProcStatus> idle = ProcStatus.of(server.pid());
            Optional<JobsPart.Results> jobs = Optional.empty();
            if (parts.contains(Part.jobs)) {
                JobsPart.Settings settings = new JobsPart.Settings(warmupRounds, runs, new OpenLoopLoad.Settings(rate, Duration.ofSeconds(loadWarmupSeconds),
                        Duration.ofSeconds(durationSeconds), threads), headroomRate, Optional.ofNullable(jfr));
                jobs = Optional.of(new JobsPart(settings, runtime, jar, MAIN_CLASS, DRIVER_CORES, DRIVER_MEMORY, scratch).run(server, idle));
            }
            Optional<SessionBenchmarks.Results> sessions = Optional.empty();
            SessionBenchmarks sessionBenchmarks = new SessionBenchmarks(root, runtime, DRIVER_CORES, DRIVER_MEMORY,
                    new SessionBenchmarks.Settings(sessionWarmupRounds, sessionRuns, new GatewayBenchmark.Settings(collectRows, transfers, calls, Math.min(calls, 200)),
                            plaintextGateway), scratch);
            if (parts.contains(Part.sessions)) {
                sessions = Optional.of(sessionBenchmarks.run(server, scratch));
            }
            Optional<String> capacity = Optional.empty();
            if (parts.contains(Part.capacity)) {
                capacity = Optional.of(new CapacityPart(perLine.capacitySettings(), lines, runtime, jar, MAIN_CLASS, DRIVER_CORES, DRIVER_MEMORY, scratch).run(server));
            }
            Optional<String> realJob = Optional.empty();
            if (parts.contains(Part.realjob)) {
                RealJobPart.Settings settings = perLine.realJobSettings();
                System.err.println("emrys-bench: real job (CSV on s3:// to Parquet on s3://, read back; " + (settings.warm() ? "warm, " : "") + "cold, raw)");
                realJob = Optional.of(new RealJobReport().render(new RealJobPart(settings, jar, DRIVER_CORES, DRIVER_MEMORY, scratch).run(server, lines)));
            }
            Optional<String> pyspark = Optional.empty();
            if (parts.contains(Part.pyspark)) {
                pyspark = Optional.of(new PySparkPart(perLine.pysparkSettings(), pysparkLines, runtime, root, jar, MAIN_CLASS, DRIVER_CORES, DRIVER_MEMORY, scratch)
                        .run(server));
            }
            MarkdownReport report = new MarkdownReport().header("Emrys end-to-end benchmark",
                    RunFacts.opening(root, started, loadBefore, RunFacts.loadAverage(), runtime, lines, commandLine()));
            if (jobs.isPresent()) {
                report.coldStarts(jobs.get().cold(), warmupRounds, jobs.get().rawCommand()).latency(jobs.get().latency());
            }
            if (sessions.isPresent()) {
                report.sessionColdStarts(sessions.get().cold(), sessionWarmupRounds, sessionBenchmarks.raw().command());
                List<GatewayBenchmark.Result> gateways = new ArrayList<>();
                gateways.add(sessions.get().tls());
                sessions.get().plaintext().ifPresent(gateways::add);
                report.gateway(gateways);
            }
            if (jobs.isPresent()) {
                report.memory(jobs.get().memory(), jobs.get().cold());
            }
            if (sessions.isPresent()) {
                report.sessionMemory(sessions.get());
            }
            capacity.ifPresent(report::section);
            realJob.ifPresent(report::section);
            pyspark.ifPresent(report::section);
            growth.ifPresent(report::section);
            idleSessionsReport.ifPresent(report::section);
            return report.render();
        }
    }

    /**
     * {@code ./emrys server}'s own command ({@code java <control-plane/server-jvm.options> -cp <jar>:<dependencies> io.emrys.server.Main server}) on the private
     * copy of the control plane's jar that {@code bench/run} made in {@code bench/target}, when there is one: the checkout's jar belongs to whoever
     * builds next, and a build that replaces it under the running server breaks the server's later class loading (a job-run thread's
     * {@code NoClassDefFoundError} an hour into a run). Without the copy (the harness started otherwise), the launcher script itself.
     */
    static EmrysServerCommand serverCommand(Path root)
            throws IOException
    {
        Path jar = root.resolve("bench/target/emrys-control-plane.jar");
        Path dependencies = root.resolve("control-plane/target/classpath.txt");
        if (!Files.isRegularFile(jar) || !Files.isRegularFile(dependencies)) {
            return EmrysServerCommand.launcherScript(root);
        }
        String classPath = jar + ":" + Files.readString(dependencies, StandardCharsets.UTF_8).strip();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the launcher script's own options
        Files.readAllLines(root.resolve("control-plane/server-jvm.options"), StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .forEach(command::add);
        command.addAll(List.of("-cp", classPath, "io.emrys.server.Main", "server", "--project-root", root.toString()));
        return new EmrysServerCommand(command, root);
    }

    /** The options of this run, all spelled out, so that the report says how to repeat it whatever the defaults become. */
    private String commandLine()
    {
        return ("bench/run --parts %s --runs %d --warmup-rounds %d --rate %d --headroom-rate %d --duration %d --load-warmup %d --threads %d "
                + "--session-runs %d --session-warmup-rounds %d --collect-rows %d --transfers %d --calls %d %s %s"
                + (parts.contains(Part.growth) ? " --growth-submissions %d --growth-sizes %s --growth-calls %d"
                        .formatted(growthSubmissions, String.join(",", growthSizes.stream().map(String::valueOf).toList()), growthCalls) : "")
                + (parts.contains(Part.idlesessions) ? " --idle-sessions " + idleSessions : ""))
                .formatted(String.join(",", parts.stream().map(Part::name).toList()), runs, warmupRounds, rate, headroomRate, durationSeconds, loadWarmupSeconds,
                        threads, sessionRuns, sessionWarmupRounds, collectRows, transfers, calls, plaintextGateway ? "--plaintext-gateway" : "--no-plaintext-gateway",
                        perLine.commandLine());
    }

    /**
     * The server records the class-data archives of job runs in the background once it starts (a Spark job of its
     * own per runtime); measured runs beside it would share the cores with it and start without archives. Waits
     * (unmeasured, at most {@link #CLASS_ARCHIVE_WAIT}) until both prebuilt runtimes have their three archives.
     */
    private static void awaitJobClassArchives(Path dataDir)
            throws IOException, InterruptedException
    {
        Path folder = dataDir.resolve("class-archives");
        long started = System.nanoTime();
        long deadline = started + CLASS_ARCHIVE_WAIT.toNanos();
        long kept = 0;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    kept = files.filter(file -> file.getFileName().toString().matches("job-.*\\.jsa")).count();
                }
            }
            if (kept >= 6) {
                break;
            }
            Thread.sleep(1000);
        }
        System.err.printf("emrys-bench: %d job class-data archive(s) kept after %d s%n", kept, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private static void deleteTree(Path directory)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
