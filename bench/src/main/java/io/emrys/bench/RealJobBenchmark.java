package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The small real job three ways, interleaved round by round: on an application with pre-initialized capacity (warm,
 * optional), on a STARTED application without it (cold), and with raw Spark from the same runtime. Each run writes to
 * its own output folder; after each (unmeasured) {@link RealJobCheck} verifies what it printed and wrote, and stops
 * the benchmark on a wrong answer. Around the warm run the harness waits for a full pool, as the capacity part does,
 * so that the pool's refill does not run beside the cold and raw measurements.
 */
final class RealJobBenchmark
{
    /** The Spark properties of a driver that show where its tasks ran; the report prints them (never the S3A keys). */
    static final List<String> PLACEMENT_KEYS = List.of("spark.master", "spark.driver.cores", "spark.driver.memory", "spark.executor.cores",
            "spark.executor.memory", "spark.cores.max", "spark.dynamicAllocation.enabled", "spark.dynamicAllocation.maxExecutors");

    /**
     * Where the input is and what a correct run prints, and the bucket the runs write to.
     *
     * @param outputFolder the key prefix (ending in {@code /}) under which each run gets its own output folder; one per release label, so that
     * the labels' runs, which share the input and the bucket, never read each other's output
     */
    record Job(String bucket, String inputKey, RealJobInput.Expected expected, String entryPoint, String sparkSubmitParameters, String outputFolder)
    {
        Job
        {
            requireNonNull(bucket, "bucket is null");
            requireNonNull(outputFolder, "outputFolder is null");
            requireNonNull(inputKey, "inputKey is null");
            requireNonNull(expected, "expected is null");
            requireNonNull(entryPoint, "entryPoint is null");
            requireNonNull(sparkSubmitParameters, "sparkSubmitParameters is null");
        }

        /** The job's arguments: the input, a run's own output folder, and the read-back flag. */
        List<String> arguments(String scheme, String outputPrefix)
        {
            return List.of(scheme + "://" + bucket + "/" + inputKey, scheme + "://" + bucket + "/" + outputPrefix, "--read-back");
        }
    }

    /** The pool side of the warm runs: the runner of the application with initial capacity, and its pool at rest. */
    record Warm(EmrysJobRunner runner, WarmPool pool, int fullPool, Duration refillTimeout)
    {
        Warm
        {
            requireNonNull(runner, "runner is null");
            requireNonNull(pool, "pool is null");
            requireNonNull(refillTimeout, "refillTimeout is null");
            fullPool = Math.max(1, fullPool);
        }
    }

    /**
     * @param checkedRuns every run whose result was verified, warm-up rounds included
     * @param warmPlacement, coldPlacement {@link #PLACEMENT_KEYS} of the last run's driver ({@code spark.properties} in its work dir)
     */
    record Results(List<CapacityJobBenchmark.WarmSample> warm, List<EmrysJobRunner.Turnaround> cold, List<RawSparkRunner.Sample> raw, int checkedRuns,
            Map<String, String> warmPlacement, Map<String, String> coldPlacement)
    {
        Results
        {
            warm = List.copyOf(warm);
            cold = List.copyOf(cold);
            raw = List.copyOf(raw);
            warmPlacement = Collections.unmodifiableMap(new LinkedHashMap<>(warmPlacement));
            coldPlacement = Collections.unmodifiableMap(new LinkedHashMap<>(coldPlacement));
        }
    }

    private final Job job;
    private final Optional<Warm> warm;
    private final EmrysJobRunner cold;
    private final WarmPool coldPool;
    private final RawSparkRunner raw;
    private final S3Client s3;

    RealJobBenchmark(Job job, Optional<Warm> warm, EmrysJobRunner cold, WarmPool coldPool, RawSparkRunner raw, S3Client s3)
    {
        this.job = requireNonNull(job, "job is null");
        this.warm = requireNonNull(warm, "warm is null");
        this.cold = requireNonNull(cold, "cold is null");
        this.coldPool = requireNonNull(coldPool, "coldPool is null");
        this.raw = requireNonNull(raw, "raw is null");
        this.s3 = requireNonNull(s3, "s3 is null");
    }

    Results run(int warmupRounds, int rounds)
            throws IOException, InterruptedException
    {
        List<CapacityJobBenchmark.WarmSample> warmSamples = new ArrayList<>();
        List<EmrysJobRunner.Turnaround> coldSamples = new ArrayList<>();
        List<RawSparkRunner.Sample> rawSamples = new ArrayList<>();
        Map<String, String> warmPlacement = Map.of();
        Map<String, String> coldPlacement = Map.of();
        int checked = 0;
        for (int round = 0; round < warmupRounds + rounds; round++) {
            boolean measured = round >= warmupRounds;
            String label = measured ? "round " + (round - warmupRounds + 1) + "/" + rounds : "warm-up " + (round + 1) + "/" + warmupRounds + " (discarded)";

            Optional<CapacityJobBenchmark.WarmSample> warmRun = Optional.empty();
            if (warm.isPresent()) {
                Warm side = warm.get();
                boolean ready = side.pool().awaitReadyDrivers(side.runner().applicationId(), side.fullPool(), side.refillTimeout());
                String prefix = job.outputFolder() + "emrys-warm-" + round + "/";
                EmrysJobRunner.Turnaround run = side.runner().turnaround(job.entryPoint(), job.arguments("s3", prefix), job.sparkSubmitParameters(), side.pool());
                Path workDir = side.runner().workDir(run.jobRunId());
                RealJobCheck.verify(workDir.resolve("stdout"), job.expected(), s3, job.bucket(), prefix, "warm job run " + run.jobRunId());
                warmPlacement = placement(workDir);
                checked++;
                warmRun = Optional.of(new CapacityJobBenchmark.WarmSample(run, ready));
                side.pool().awaitReadyDrivers(side.runner().applicationId(), side.fullPool(), side.refillTimeout());
            }

            String coldPrefix = job.outputFolder() + "emrys-cold-" + round + "/";
            EmrysJobRunner.Turnaround coldRun = cold.turnaround(job.entryPoint(), job.arguments("s3", coldPrefix), job.sparkSubmitParameters(), coldPool);
            Path coldWorkDir = cold.workDir(coldRun.jobRunId());
            RealJobCheck.verify(coldWorkDir.resolve("stdout"), job.expected(), s3, job.bucket(), coldPrefix, "cold job run " + coldRun.jobRunId());
            coldPlacement = placement(coldWorkDir);
            checked++;

            String rawPrefix = job.outputFolder() + "raw-" + round + "/";
            RawSparkRunner.Sample rawRun = raw.run(round, job.arguments("s3a", rawPrefix));
            RealJobCheck.verify(rawRun.stdout(), job.expected(), s3, job.bucket(), rawPrefix, "raw Spark run " + round);
            checked++;

            System.err.printf("real job %s: %scold %d ms, raw %d ms (results checked: %s)%n", label,
                    warmRun.map(sample -> "warm %d ms [ready driver before: %s, took a warm driver: %s], ".formatted(sample.run().turnaroundMillis(),
                            sample.readyBefore(), sample.run().warmDriver())).orElse(""),
                    coldRun.turnaroundMillis(), rawRun.wallMillis(), job.expected());
            if (measured) {
                warmRun.ifPresent(warmSamples::add);
                coldSamples.add(coldRun);
                rawSamples.add(rawRun);
            }
        }
        return new Results(warmSamples, coldSamples, rawSamples, checked, warmPlacement, coldPlacement);
    }

    /** The placement keys of the driver's {@code spark.properties}; empty when the file is not there. */
    private static Map<String, String> placement(Path workDir)
            throws IOException
    {
        Path file = workDir.resolve("spark.properties");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Properties properties = new Properties();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> placement = new LinkedHashMap<>();
        for (String key : PLACEMENT_KEYS) {
            String value = properties.getProperty(key);
            if (value != null) {
                placement.put(key, value);
            }
        }
        return placement;
    }
}
