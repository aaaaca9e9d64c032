package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.EmrysProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * The PySpark part of a run, with the capacity part's halves ({@link CapacityBenchmarks}) and report
 * ({@link CapacityReport}): a trivial PySpark job ({@code pyspark_trivial.py}) warm, cold and raw per release label,
 * each run's output checked ({@link PythonJobCheck}); then the PySpark Connect client ({@link PythonConnectClient})
 * to a session's first {@code SELECT 1}, warm, cold, and against a raw Spark Connect server, on the session label.
 */
final class PySparkPart
{
    static final double WARM_JOB_GOAL = 0.25;
    static final String VENV_PYTHON = ".venv-spark-4.0/bin/python";

    private final CapacityBenchmarks.Settings settings;
    private final List<SparkRuntime> jobRuntimes;
    private final SparkRuntime sessionRuntime;
    private final Path projectRoot;
    private final int driverCores;
    private final MemorySize driverMemory;
    private final Path scratch;
    private final CapacityBenchmarks capacity;

    /**
     * @param jobRuntimes one PySpark job half each, in this order
     * @param sessionRuntime the session half's runtime: a Spark 4.0 line, the line of the client in {@code .venv-spark-4.0}
     * @param jar the capacity part's JVM job jar, which this part does not run ({@link CapacityBenchmarks} is made with it and its main class)
     */
    PySparkPart(CapacityBenchmarks.Settings settings, List<SparkRuntime> jobRuntimes, SparkRuntime sessionRuntime, Path projectRoot, Path jar, String mainClass,
            int driverCores, MemorySize driverMemory, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.jobRuntimes = List.copyOf(jobRuntimes);
        this.sessionRuntime = requireNonNull(sessionRuntime, "sessionRuntime is null");
        this.projectRoot = requireNonNull(projectRoot, "projectRoot is null");
        this.driverCores = driverCores;
        this.driverMemory = requireNonNull(driverMemory, "driverMemory is null");
        this.scratch = requireNonNull(scratch, "scratch is null").resolve("pyspark");
        this.capacity = new CapacityBenchmarks(settings, jar, mainClass, driverCores, driverMemory, this.scratch);
    }

    /** Measures both halves and returns the part's Markdown section. */
    String run(EmrysProcess server)
            throws IOException, InterruptedException
    {
        Path script = BenchResources.copy(PythonJobCheck.SCRIPT, Files.createDirectories(scratch));
        String parameters = "--driver-cores %d --driver-memory %s".formatted(driverCores, driverMemory.toSparkString());
        List<CapacityBenchmarks.Part<CapacityJobBenchmark.Results>> jobs = new ArrayList<>();
        List<RawSparkRunner> raws = new ArrayList<>();
        try (EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), 2)) {
            for (SparkRuntime runtime : jobRuntimes) {
                String label = runtime.releaseLabel().label();
                System.err.println("emrys-bench: pyspark, jobs on " + ReleaseLines.title(runtime) + " (warm, cold, raw spark-submit)");
                RawSparkRunner raw = RawSparkRunner.python(runtime, script, driverCores, driverMemory, scratch.resolve("raw-" + label));
                raws.add(raw);
                jobs.add(capacity.jobs(server, client, runtime, "bench-pyspark-jobs-" + label, raw, script.toString(), parameters, new PythonJobCheck()));
            }
        }
        System.err.println("emrys-bench: pyspark, PySpark Connect client sessions on " + ReleaseLines.title(sessionRuntime) + " (warm, cold, raw Spark Connect)");
        PythonConnectClient python = new PythonConnectClient(projectRoot.resolve(VENV_PYTHON), server.dataDir(), scratch.resolve("client"));
        RawConnectServer rawServer = new RawConnectServer(sessionRuntime, driverCores, driverMemory, scratch.resolve("raw-connect"), Optional.of(python));
        CapacityBenchmarks.Part<CapacitySessionBenchmark.Results> sessions = capacity.sessions(server, sessionRuntime, "bench-pyspark-sessions", rawServer,
                Optional.of(python));
        return render(jobs, raws, parameters, sessions, python);
    }

    private String render(List<CapacityBenchmarks.Part<CapacityJobBenchmark.Results>> jobs, List<RawSparkRunner> raws, String parameters,
            CapacityBenchmarks.Part<CapacitySessionBenchmark.Results> sessions, PythonConnectClient python)
    {
        CapacityReport report = new CapacityReport("PySpark: warm vs cold vs raw Spark", "A PySpark job and the PySpark Connect client, measured as the "
                + "capacity part measures the JVM job and the JVM Connect client. The job half runs once per `--pyspark-release-labels` label, each against "
                + "`spark-submit` of the same `.py` from that label's runtime folder; the session half runs on " + ReleaseLines.title(sessionRuntime)
                + " with `pyspark-client` from `" + VENV_PYTHON.replace("/bin/python", "") + "`. ", settings);
        for (int line = 0; line < jobs.size(); line++) {
            report.jobs(jobs.get(line), "PySpark job", "`" + PythonJobCheck.SCRIPT + "` (SparkSession, `spark.range(10).count()`, the count printed, stop), "
                            + "entry point a local path, `" + parameters + "`, the same file for warm, cold and raw; every run's printed count checked "
                            + "(Emrys: the driver's `logs/SPARK_DRIVER/stdout.gz`; raw: its stdout), and a warm run counts as having taken a warm driver "
                            + "only when the pool's assignment names it **and** its driver's `stderr.gz` says `" + PythonJobCheck.WARM_LINE + "`",
                    WARM_JOB_GOAL, "Raw spark-submit command (from this label's runtime), with the environment `" + environment(raws.get(line)) + "`");
        }
        report.sessions(sessions, "PySpark Connect client session", "Emrys: a fresh `python " + PythonConnectClient.SCRIPT + "` process per run, which, once "
                + "it has imported boto3 and pyspark and made its boto3 client (not timed, as the JVM client's classes are loaded before its measured runs), "
                + "runs AWS's documented flow: boto3 StartSession (driver 1 core / 1024 MB in `spark-defaults`), GetSession every 100 ms until IDLE, "
                + "GetSessionEndpoint, `SparkSession.builder.remote(\"sc://HOST:PORT/;use_ssl=true;x-aws-proxy-auth=TOKEN\")` through the TLS gateway "
                + "(`GRPC_DEFAULT_SSL_ROOTS_FILE_PATH` the gateway's CA) until `spark.sql(\"SELECT 1\").collect()` returns, checked; timed in the client "
                + "from the StartSession call. Raw: the client process made ready first, then a Spark Connect server started from the same runtime "
                + "(`RawConnectServer`, as in the capacity part), its port probed every 50 ms, the client cued with the port and straight at it "
                + "(`sc://127.0.0.1:PORT`); timed from the server process's start to the client's `RESULT` line. The same definitions as the capacity "
                + "part's JVM client sessions. ", "Raw Spark Connect server command (the same as the capacity part's)");
        Distribution startups = Distribution.of(python.startups());
        report.paragraph(String.format(Locale.ROOT, "Not in the figures above: the PySpark client process's own start (the interpreter, `import boto3`, "
                        + "`from pyspark.sql import SparkSession`, the boto3 client) to its READY line, over all %d client processes of the half: median %.0f ms, "
                        + "min %d, max %d. A user who starts Python for each session adds it to either side.%n%nClient command: `%s`%n%n",
                startups.count(), startups.median(), startups.min(), startups.max(), String.join(" ", python.command())));
        return report.render();
    }

    private static String environment(RawSparkRunner raw)
    {
        return String.join(" ", raw.environment().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList());
    }
}
