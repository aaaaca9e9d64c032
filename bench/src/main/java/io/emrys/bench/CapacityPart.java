package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.EmrysProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * Runs the capacity part on one server and renders it: the trivial job's warm, cold and raw halves once per release
 * label, one label after the other (two labels' warm pools at once would crowd a small machine and each other's
 * figures), then the session half on the session label only.
 */
final class CapacityPart
{
    private final CapacityBenchmarks.Settings settings;
    private final List<SparkRuntime> jobRuntimes;
    private final SparkRuntime sessionRuntime;
    private final CapacityBenchmarks capacity;

    /**
     * @param jobRuntimes one job half each, in this order
     * @param sessionRuntime the runtime of the session half and of its raw Spark Connect server
     */
    CapacityPart(CapacityBenchmarks.Settings settings, List<SparkRuntime> jobRuntimes, SparkRuntime sessionRuntime, Path jar, String mainClass,
            int driverCores, MemorySize driverMemory, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.jobRuntimes = List.copyOf(jobRuntimes);
        this.sessionRuntime = requireNonNull(sessionRuntime, "sessionRuntime is null");
        this.capacity = new CapacityBenchmarks(settings, jar, mainClass, driverCores, driverMemory, scratch);
    }

    /** Measures every half and returns the part's Markdown section. */
    String run(EmrysProcess server)
            throws IOException, InterruptedException
    {
        List<CapacityBenchmarks.Part<CapacityJobBenchmark.Results>> jobs = new ArrayList<>();
        try (EmrServerlessClient client = Clients.serverless(server.apiEndpoint(), server.rootKey(), 2)) {
            for (SparkRuntime runtime : jobRuntimes) {
                System.err.println("emrys-bench: capacity, jobs on " + ReleaseLines.title(runtime) + " (warm, cold, raw)");
                jobs.add(capacity.jobs(server, client, runtime));
            }
        }
        System.err.println("emrys-bench: capacity, sessions on " + ReleaseLines.title(sessionRuntime) + " (warm, cold, raw Spark Connect)");
        CapacityBenchmarks.Part<CapacitySessionBenchmark.Results> sessions = capacity.sessions(server, sessionRuntime);

        // The tables first, then the memory figures, as the report laid them out before there was a half per label.
        CapacityReport report = new CapacityReport(settings).jobLines(jobs);
        jobs.forEach(part -> report.jobs(part, capacity.jobParameters()));
        report.sessions(sessions);
        for (CapacityBenchmarks.Part<CapacityJobBenchmark.Results> part : jobs) {
            report.memory("job runs on " + ReleaseLines.title(part.runtime()), part.memory(), List.of(
                    CapacityReport.Comparison.of("raw Spark JVM (the harness's child; VmHWM sampled every 50 ms)",
                            part.runs().raw().stream().map(RawSparkRunner.Sample::peakRssKb).toList())));
        }
        report.memory("sessions on " + ReleaseLines.title(sessions.runtime()), sessions.memory(), List.of(
                CapacityReport.Comparison.of("warm session driver at its first result (VmRSS)",
                        sessions.runs().warm().stream().map(sample -> sample.run().driverRssKb()).toList()),
                CapacityReport.Comparison.of("cold session driver at its first result (VmRSS)",
                        sessions.runs().cold().stream().map(EmrysSessionRunner.FirstResult::driverRssKb).toList()),
                CapacityReport.Comparison.of("raw Spark Connect server at its first result (the harness's child; VmRSS)",
                        sessions.runs().raw().stream().map(RawConnectServer.Sample::rssKb).toList())));
        return report.render();
    }
}
