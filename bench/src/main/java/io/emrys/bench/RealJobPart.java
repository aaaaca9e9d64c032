package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.CloudCommitter;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.objectstore.EmbeddedObjectStore;
import io.emrys.objectstore.ObjectStoreSettings;
import io.emrys.testing.EmrysProcess;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The real-job part of a run: generates the CSV, uploads it once to the embedded store, and per release label
 * creates and starts its applications (one without initial capacity, and with {@code warm} one with it), runs
 * {@link RealJobBenchmark} against raw Spark from that label's runtime, and stops the applications. Raw Spark reaches the same store through S3A with the settings Emrys gives its drivers
 * ({@link ObjectStoreSettings#hadoopS3aProperties()}) and the same S3A committer ({@link CloudCommitter}), from a
 * properties file only its owner can read: no secret is on a command line.
 */
final class RealJobPart
{
    static final String MAIN_CLASS = "io.emrys.testjobs.CsvAggregateToParquet";
    static final String BUCKET = "bench-realjob";
    static final String INPUT_KEY = "input/data.csv";
    private static final Duration STARTED_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOPPED_TIMEOUT = Duration.ofMinutes(2);
    /** The S3A keys whose values the report leaves out. */
    private static final List<String> SECRET_KEYS = List.of("spark.hadoop.fs.s3a.access.key", "spark.hadoop.fs.s3a.secret.key");

    record Settings(int warmupRounds, int rounds, long rows, boolean warm, Duration refillTimeout)
    {
        Settings
        {
            requireNonNull(refillTimeout, "refillTimeout is null");
            if (warmupRounds < 0 || rounds < 1 || rows < 1) {
                throw new IllegalArgumentException("--realjob-runs and --realjob-rows must be at least 1, --realjob-warmup-rounds at least 0");
            }
        }
    }

    /**
     * One release label's runs.
     *
     * @param runtime the runtime of the label's applications and of its raw Spark
     * @param warmStartMillis StartApplication to STARTED of the application with initial capacity, if there was one
     */
    record Line(SparkRuntime runtime, RealJobBenchmark.Job job, RealJobBenchmark.Results results, long coldStartMillis, Optional<Long> warmStartMillis,
            int readyAtRest, List<String> rawCommand)
    {
        Line
        {
            requireNonNull(runtime, "runtime is null");
            requireNonNull(job, "job is null");
            requireNonNull(results, "results is null");
            requireNonNull(warmStartMillis, "warmStartMillis is null");
            rawCommand = List.copyOf(rawCommand);
        }
    }

    /**
     * Everything the report needs.
     *
     * @param rawProperties the raw runs' properties file (the same for every label: one store, one committer), secrets replaced by a placeholder
     */
    record Outcome(Settings settings, RealJobInput.Generated input, Map<String, String> rawProperties, List<Line> lines)
    {
        Outcome
        {
            requireNonNull(settings, "settings is null");
            requireNonNull(input, "input is null");
            rawProperties = Collections.unmodifiableMap(new TreeMap<>(rawProperties));
            lines = List.copyOf(lines);
        }
    }

    private final Settings settings;
    private final Path jar;
    private final int driverCores;
    private final MemorySize driverMemory;
    private final Path scratch;

    RealJobPart(Settings settings, Path jar, int driverCores, MemorySize driverMemory, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.driverCores = driverCores;
        this.driverMemory = requireNonNull(driverMemory, "driverMemory is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    /** The input is generated and uploaded once; then each label's rounds run, one label after the other, on applications of their own. */
    Outcome run(EmrysProcess server, List<SparkRuntime> runtimes)
            throws IOException, InterruptedException
    {
        Path folder = Files.createDirectories(scratch.resolve("realjob"));
        RealJobInput.Generated input = RealJobInput.write(folder.resolve("data.csv"), settings.rows());
        System.err.printf("emrys-bench: real job input: %d rows, %.1f MB, expected %s%n", settings.rows(), input.bytes() / 1e6, input.expected());
        Map<String, String> properties = rawProperties(server);
        Path propertiesFile = writeOwnerOnly(folder.resolve("raw-spark.properties"), properties);
        try (EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), 2);
                S3Client s3 = Clients.s3(server.objectStoreEndpoint(), server.rootKey())) {
            s3.createBucket(request -> request.bucket(BUCKET));
            s3.putObject(request -> request.bucket(BUCKET).key(INPUT_KEY), RequestBody.fromFile(input.file()));
            List<Line> lines = new ArrayList<>();
            for (SparkRuntime runtime : runtimes) {
                System.err.println("emrys-bench: real job on " + ReleaseLines.title(runtime));
                lines.add(runLine(server, client, s3, runtime, input, folder, propertiesFile));
            }
            return new Outcome(settings, input, redacted(properties), lines);
        }
    }

    private Line runLine(EmrysProcess server, EmrServerlessClient client, S3Client s3, SparkRuntime runtime, RealJobInput.Generated input, Path folder,
            Path propertiesFile)
            throws IOException, InterruptedException
    {
        String label = runtime.releaseLabel().label();
        RawSparkRunner raw = new RawSparkRunner(runtime, jar, MAIN_CLASS, driverCores, driverMemory, folder.resolve("raw-" + label),
                List.of("--properties-file", propertiesFile.toString()));
        String parameters = "--class %s --driver-cores %d --driver-memory %s".formatted(MAIN_CLASS, driverCores, driverMemory.toSparkString());
        RealJobBenchmark.Job job = new RealJobBenchmark.Job(BUCKET, INPUT_KEY, input.expected(), jar.toString(), parameters, "output/" + label + "/");

        SessionApi api = new SessionApi(server.apiEndpoint(), server.rootKey(), server.executionRoleArn());
        WarmPool pool = new WarmPool(server.dataDir());
        Optional<String> warmId = settings.warm()
                ? Optional.of(api.createApplication("bench-realjob-" + label + "-warm", label, false, Optional.of(CapacityBenchmarks.WORKER)))
                : Optional.empty();
        String coldId = api.createApplication("bench-realjob-" + label + "-cold", label, false, Optional.empty());
        try {
            Optional<Long> warmStart = warmId.isPresent() ? Optional.of(timeStart(api, warmId.get())) : Optional.empty();
            long coldStart = timeStart(api, coldId);
            int ready = 0;
            if (warmId.isPresent()) {
                pool.awaitReadyDriver(warmId.get(), settings.refillTimeout());
                ready = pool.readyDrivers(warmId.get());
            }
            System.err.printf("emrys-bench: real job applications STARTED: cold %s in %d ms%s%n", coldId, coldStart,
                    warmId.map(id -> ", warm %s in %d ms (%d ready warm driver(s))".formatted(id, warmStart.orElseThrow(), pool.readyDrivers(id))).orElse(""));
            int fullPool = ready;
            Optional<RealJobBenchmark.Warm> warm = warmId.map(id -> new RealJobBenchmark.Warm(new EmrysJobRunner(client, server.dataDir(), id, server.executionRoleArn()), pool, fullPool,
                    settings.refillTimeout()));
            RealJobBenchmark benchmark = new RealJobBenchmark(job, warm, new EmrysJobRunner(client, server.dataDir(), coldId, server.executionRoleArn()), pool, raw, s3);
            RealJobBenchmark.Results results = benchmark.run(settings.warmupRounds(), settings.rounds());
            return new Line(runtime, job, results, coldStart, warmStart, ready, raw.command(job.arguments("s3a", job.outputFolder() + "raw-<round>/")));
        }
        finally {
            stopApplications(api, warmId.isPresent() ? List.of(warmId.get(), coldId) : List.of(coldId));
        }
    }

    /** What the raw runs get in their properties file: the store's S3A settings and the committer every Emrys job gets. */
    private static Map<String, String> rawProperties(EmrysProcess server)
    {
        ObjectStoreSettings store = new ObjectStoreSettings(server.objectStoreEndpoint(), EmbeddedObjectStore.REGION, server.rootKey().accessKeyId(),
                server.rootKey().secretAccessKey(), true);
        Map<String, String> properties = new TreeMap<>();
        store.hadoopS3aProperties().forEach((key, value) -> properties.put("spark.hadoop." + key, value));
        properties.putAll(CloudCommitter.DEFAULTS);
        return properties;
    }

    private static Map<String, String> redacted(Map<String, String> properties)
    {
        Map<String, String> shown = new TreeMap<>(properties);
        SECRET_KEYS.forEach(key -> shown.computeIfPresent(key, (name, value) -> "<the server's root key>"));
        return shown;
    }

    /** Creates the file readable and writable by its owner only before any secret is written into it. */
    private static Path writeOwnerOnly(Path file, Map<String, String> properties)
            throws IOException
    {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties values = new Properties();
        values.putAll(properties);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            values.store(writer, "S3A settings of the raw Spark runs (emrys-bench)");
        }
        return file;
    }

    private static long timeStart(SessionApi api, String applicationId)
            throws IOException, InterruptedException
    {
        long start = System.nanoTime();
        api.startApplication(applicationId);
        api.awaitApplicationState(applicationId, "STARTED", STARTED_TIMEOUT);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void stopApplications(SessionApi api, List<String> applicationIds)
            throws IOException, InterruptedException
    {
        for (String applicationId : applicationIds) {
            api.stopApplication(applicationId);
        }
        for (String applicationId : applicationIds) {
            try {
                api.awaitApplicationState(applicationId, "STOPPED", STOPPED_TIMEOUT);
            }
            catch (IllegalStateException e) {
                System.err.println("emrys-bench: " + e.getMessage());
            }
        }
    }
}
