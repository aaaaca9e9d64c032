package io.emrys.bench;

import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.SparkRuntime;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of the parts that measure job turnaround per release label (capacity, realjob, pyspark), a mixin of
 * {@link BenchMain}: which labels, and each part's rounds.
 */
final class PerLineOptions
{
    @Option(names = "--release-labels", split = ",", defaultValue = ReleaseLines.BASELINE_LABEL + ",emr-7.10.0",
            description = "Release labels whose job turnaround the capacity part (warm, cold, raw; not its sessions) and the realjob part measure, "
                    + "one after the other, each against raw Spark from its own runtime folder; the jobs and sessions parts and the capacity "
                    + "sessions run on " + ReleaseLines.BASELINE_LABEL + " only (default: ${DEFAULT-VALUE}).")
    List<String> releaseLabels;

    @Option(names = "--capacity-runs", defaultValue = "10",
            description = "Measured rounds of warm, cold and raw, for jobs (per label) and for sessions each (default: ${DEFAULT-VALUE}).")
    int capacityRuns;

    @Option(names = "--capacity-warmup-rounds", defaultValue = "1", description = "Discarded capacity rounds before them (default: ${DEFAULT-VALUE}).")
    int capacityWarmupRounds;

    @Option(names = "--capacity-refill-timeout", defaultValue = "180",
            description = "Seconds to wait for a ready warm driver in the pool before a warm run (default: ${DEFAULT-VALUE}).")
    int capacityRefillTimeoutSeconds;

    @Option(names = "--realjob-runs", defaultValue = "5", description = "Measured rounds of the real job (warm, cold, raw) per label (default: ${DEFAULT-VALUE}).")
    int realJobRuns;

    @Option(names = "--realjob-warmup-rounds", defaultValue = "1", description = "Discarded real-job rounds before them (default: ${DEFAULT-VALUE}).")
    int realJobWarmupRounds;

    @Option(names = "--realjob-rows", defaultValue = "1000000", description = "Rows of the real job's CSV input (default: ${DEFAULT-VALUE}).")
    long realJobRows;

    @Option(names = "--realjob-warm", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the real job on an application with initial capacity (default: ${DEFAULT-VALUE}).")
    boolean realJobWarm;

    @Option(names = "--pyspark-release-labels", split = ",", defaultValue = ReleaseLines.BASELINE_LABEL,
            description = "Release labels whose PySpark job the pyspark part measures (warm, cold, raw spark-submit), one after the other; its PySpark "
                    + "Connect client sessions run on " + ReleaseLines.BASELINE_LABEL + " only (default: ${DEFAULT-VALUE}).")
    List<String> pysparkReleaseLabels;

    @Option(names = "--pyspark-runs", defaultValue = "3",
            description = "Measured rounds of the pyspark part (warm, cold, raw), for jobs (per label) and for sessions each (default: ${DEFAULT-VALUE}).")
    int pysparkRuns;

    @Option(names = "--pyspark-warmup-rounds", defaultValue = "1", description = "Discarded pyspark rounds before them (default: ${DEFAULT-VALUE}).")
    int pysparkWarmupRounds;

    void validate(CommandLine commandLine)
    {
        if (capacityRuns < 1 || capacityWarmupRounds < 0 || capacityRefillTimeoutSeconds < 1 || realJobRuns < 1 || realJobWarmupRounds < 0 || realJobRows < 1
                || pysparkRuns < 1 || pysparkWarmupRounds < 0) {
            throw new CommandLine.ParameterException(commandLine, "--capacity-runs, --capacity-refill-timeout, --realjob-runs, --realjob-rows and "
                    + "--pyspark-runs must be at least 1, --capacity-warmup-rounds, --realjob-warmup-rounds and --pyspark-warmup-rounds at least 0");
        }
    }

    /** The labels' runtimes; an unknown label, or one whose runtime was not built, stops the run before the server starts, not an hour into it. */
    List<SparkRuntime> runtimes(RuntimeCatalog catalog, CommandLine commandLine)
    {
        return resolve(catalog, commandLine, "--release-labels", releaseLabels);
    }

    /** The runtimes of {@code --pyspark-release-labels}, checked as early as {@link #runtimes}. */
    List<SparkRuntime> pysparkRuntimes(RuntimeCatalog catalog, CommandLine commandLine)
    {
        return resolve(catalog, commandLine, "--pyspark-release-labels", pysparkReleaseLabels);
    }

    private static List<SparkRuntime> resolve(RuntimeCatalog catalog, CommandLine commandLine, String option, List<String> labels)
    {
        try {
            return ReleaseLines.resolve(catalog, labels);
        }
        catch (RuntimeException e) {
            throw new CommandLine.ParameterException(commandLine, option + ": " + e.getMessage(), e);
        }
    }

    CapacityBenchmarks.Settings capacitySettings()
    {
        return new CapacityBenchmarks.Settings(capacityWarmupRounds, capacityRuns, Duration.ofSeconds(capacityRefillTimeoutSeconds));
    }

    /** The pyspark part waits for the pool as long as the capacity part does. */
    CapacityBenchmarks.Settings pysparkSettings()
    {
        return new CapacityBenchmarks.Settings(pysparkWarmupRounds, pysparkRuns, Duration.ofSeconds(capacityRefillTimeoutSeconds));
    }

    /** The real job waits for the pool as long as the capacity part does. */
    RealJobPart.Settings realJobSettings()
    {
        return new RealJobPart.Settings(realJobWarmupRounds, realJobRuns, realJobRows, realJobWarm, Duration.ofSeconds(capacityRefillTimeoutSeconds));
    }

    /** These options spelled out, for the report's command line. */
    String commandLine()
    {
        return ("--release-labels %s --capacity-runs %d --capacity-warmup-rounds %d --capacity-refill-timeout %d --realjob-runs %d --realjob-warmup-rounds %d "
                + "--realjob-rows %d %s --pyspark-release-labels %s --pyspark-runs %d --pyspark-warmup-rounds %d")
                .formatted(String.join(",", releaseLabels), capacityRuns, capacityWarmupRounds, capacityRefillTimeoutSeconds, realJobRuns, realJobWarmupRounds,
                        realJobRows, realJobWarm ? "--realjob-warm" : "--no-realjob-warm", String.join(",", pysparkReleaseLabels), pysparkRuns,
                        pysparkWarmupRounds);
    }
}
