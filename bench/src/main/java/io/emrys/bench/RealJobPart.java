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
 * The real-job part of a run: generates the CSV, uploads it once to the embedded store, creates and starts its
 * applications (one without initial capacity, and with {@code warm} one with it), runs {@link RealJobBenchmark} and
 * stops the applications. Raw Spark reaches the same store through S3A with the settings Emrys gives its drivers
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
     * Everything the report needs.
     *
     * @param warmStartMillis StartApplication to STARTED of the application with initial capacity, if there was one
     * @param rawProperties the raw runs' properties file, secrets replaced by a placeholder
     */
    record Outcome(Settings settings, RealJobInput.Generated input, RealJobBenchmark.Job job, RealJobBenchmark.Results results, long coldStartMillis,
            Optional<Long> warmStartMillis, int readyAtRest, List<String> rawCommand, Map<String, String> rawProperties)
    {
        Outcome
        {
            requireNonNull(settings, "settings is null");
            requireNonNull(input, "input is null");
            requireNonNull(job, "job is null");
            requireNonNull(results, "results is null");
            requireNonNull(warmStartMillis, "warmStartMillis is null");
            rawCommand = List.copyOf(rawCommand);
            rawProperties = Collections.unmodifiableMap(new TreeMap<>(rawProperties));
        }
    }

    private final Settings settings;
    private final SparkRuntime runtime;
    private final Path jar;
    private final int driverCores;
    private final MemorySize driverMemory;
    private final Path scratch;

    RealJobPart(Settings settings, SparkRuntime runtime, Path jar, int driverCores, MemorySize driverMemory, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.driverCores = driverCores;
        this.driverMemory = requireNonNull(driverMemory, "driverMemory is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    Outcome run(EmrysProcess server)
            throws IOException, InterruptedException
    {
        Path folder = Files.createDirectories(scratch.resolve("realjob"));
        RealJobInput.Generated input = RealJobInput.write(folder.resolve("data.csv"), settings.rows());
        System.err.printf("emrys-bench: real job input: %d rows, %.1f MB, expected %s%n", settings.rows(), input.bytes() / 1e6, input.expected());
        Map<String, String> properties = rawProperties(server);
        Path propertiesFile = writeOwnerOnly(folder.resolve("raw-spark.properties"), properties);
        RawSparkRunner raw = new RawSparkRunner(runtime, jar, MAIN_CLASS, driverCores, driverMemory, folder.resolve("raw"),
                List.of("--properties-file", propertiesFile.toString()));
        String parameters = "--class %s --driver-cores %d --driver-memory %s".formatted(MAIN_CLASS, driverCores, driverMemory.toSparkString());
        RealJobBenchmark.Job job = new RealJobBenchmark.Job(BUCKET, INPUT_KEY, input.expected(), jar.toString(), parameters);

        SessionApi api = new SessionApi(server.apiEndpoint(), server.rootKey());
        WarmPool pool = new WarmPool(server.dataDir());
        try (EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), 2);
                S3Client s3 = Clients.s3(server.objectStoreEndpoint(), server.rootKey())) {
            s3.createBucket(request -> request.bucket(BUCKET));
            s3.putObject(request -> request.bucket(BUCKET).key(INPUT_KEY), RequestBody.fromFile(input.file()));
            Optional<String> warmId = settings.warm()
                    ? Optional.of(api.createApplication("bench-realjob-warm", false, Optional.of(CapacityBenchmarks.WORKER)))
                    : Optional.empty();
            String coldId = api.createApplication("bench-realjob-cold", false, Optional.empty());
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
                Optional<RealJobBenchmark.Warm> warm = warmId.map(id -> new RealJobBenchmark.Warm(new EmrysJobRunner(client, server.dataDir(), id), pool, fullPool,
                        settings.refillTimeout()));
                RealJobBenchmark benchmark = new RealJobBenchmark(job, warm, new EmrysJobRunner(client, server.dataDir(), coldId), pool, raw, s3);
                RealJobBenchmark.Results results = benchmark.run(settings.warmupRounds(), settings.rounds());
                return new Outcome(settings, input, job, results, coldStart, warmStart, ready, raw.command(job.arguments("s3a", "output/raw-<round>/")),
                        redacted(properties));
            }
            finally {
                stopApplications(api, warmId.isPresent() ? List.of(warmId.get(), coldId) : List.of(coldId));
            }
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
