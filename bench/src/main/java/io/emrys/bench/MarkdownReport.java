package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/** Renders one benchmark run as Markdown: the tables go to stdout and to {@code bench/results/latest.md}. */
final class MarkdownReport
{
    /** What the harness saw of the control plane's memory at three points of the run. */
    record ServerMemory(Optional<ProcStatus> idle, Optional<ProcStatus> afterColdRuns, Optional<ProcStatus> afterLoad)
    {
        ServerMemory
        {
            requireNonNull(idle, "idle is null");
            requireNonNull(afterColdRuns, "afterColdRuns is null");
            requireNonNull(afterLoad, "afterLoad is null");
        }
    }

    private final StringBuilder out = new StringBuilder();

    MarkdownReport header(String title, List<String> facts)
    {
        out.append("# ").append(title).append("\n\n");
        facts.forEach(fact -> out.append("- ").append(fact).append('\n'));
        out.append('\n');
        return this;
    }

    MarkdownReport coldStarts(ColdStartBenchmark.Results results, int warmupRounds, List<String> rawCommand)
    {
        Distribution raw = Distribution.of(results.raw().stream().map(RawSparkRunner.Sample::wallMillis).toList());
        Distribution local = millis(results.emrysLocal(), EmrysJobRunner.Sample::turnaroundMillis);
        Distribution s3 = millis(results.emrysS3(), EmrysJobRunner.Sample::turnaroundMillis);
        out.append("## Cold job turnaround\n\n");
        out.append("`io.emrys.testjobs.Trivial` (SparkSession, `spark.range(10).count()`, stop), driver 1 core / 1024 MB on both sides; ")
                .append(raw.count()).append(" runs of each, interleaved, after ").append(warmupRounds).append(" discarded warm-up round(s).\n\n");
        out.append("| what | median ms | min ms | max ms | median vs raw |\n|---|---:|---:|---:|---:|\n");
        row("raw Spark: `SparkSubmit --master local[1]`, process start to exit", raw, raw.median());
        row("Emrys, entry point a local path: StartJobRun to SUCCESS (GetJobRun every 100 ms)", local, raw.median());
        row("Emrys, entry point `s3://` in the embedded store: StartJobRun to SUCCESS", s3, raw.median());
        double ratio = local.median() / raw.median();
        out.append('\n').append(String.format(Locale.ROOT, "Goal: Emrys within 1.1x of raw Spark. Measured %.2fx (local entry point): **%s**.%n%n",
                ratio, ratio <= 1.1 ? "met" : "missed"));

        out.append("Where an Emrys run's time goes (medians of the local-entry-point runs; the driver's work dir files date the JVM):\n\n");
        out.append("| step | median ms | min ms | max ms |\n|---|---:|---:|---:|\n");
        plainRow("StartJobRun to the driver JVM's fork (`driver.pid` written)", millis(results.emrysLocal(), EmrysJobRunner.Sample::submitToJvmStartMillis));
        plainRow("driver JVM lifetime (fork to `exit-code` written)", millis(results.emrysLocal(), EmrysJobRunner.Sample::jvmMillis));
        plainRow("driver JVM exit to the first GetJobRun that saw SUCCESS", millis(results.emrysLocal(), EmrysJobRunner.Sample::jvmExitToSuccessMillis));
        plainRow("StartJobRun to the first GetJobRun that saw RUNNING", millis(results.emrysLocal(), EmrysJobRunner.Sample::submitToRunningMillis));
        plainRow("Emrys's own share: turnaround minus driver JVM lifetime", millis(results.emrysLocal(), sample -> sample.turnaroundMillis() - sample.jvmMillis()));
        plainRow("for comparison: the raw Spark JVM, start to exit", raw);
        plainRow("`s3://` runs: driver JVM lifetime (includes the jar download)", millis(results.emrysS3(), EmrysJobRunner.Sample::jvmMillis));
        out.append("\nRaw Spark command (the JVM options are the ones Emrys gives its drivers):\n\n```\n")
                .append(String.join(" ", rawCommand)).append("\n```\n\n");
        return this;
    }

    MarkdownReport latency(List<OpenLoopLoad.Result> results)
    {
        out.append("## GetJobRun latency at a fixed request rate\n\n");
        if (!results.isEmpty()) {
            OpenLoopLoad.Settings settings = results.get(0).settings();
            out.append(String.format(Locale.ROOT, "One finished job run; open loop at the target rate for %d s after a %d s warm-up, %d client threads; "
                            + "latency from each request's scheduled time (coordinated omission corrected), service time from its actual send; "
                            + "CPU per request from /proc/<pid>/stat over warm-up and measurement (%d cores in all).%n%n",
                    settings.duration().toSeconds(), settings.warmup().toSeconds(), settings.threads(),
                    Runtime.getRuntime().availableProcessors()));
        }
        out.append("| client | target req/s | achieved req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | not sent | service p50 / p99 ms "
                        + "| client CPU ms/req | server CPU ms/req |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (OpenLoopLoad.Result result : results) {
            Distribution latency = Distribution.of(result.latenciesNanos());
            Distribution service = Distribution.of(result.serviceNanos());
            out.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %s | %s | %s | %s | %s | %d | %d | %s / %s | %.2f | %.2f |%n",
                    result.client(), result.settings().ratePerSecond(), result.achievedPerSecond(), ms(latency.percentile(50)), ms(latency.percentile(90)), ms(latency.percentile(99)),
                    ms(latency.percentile(99.9)), ms(latency.max()), result.errors(), result.notSent(), ms(service.percentile(50)), ms(service.percentile(99)),
                    result.clientCpuMillisPerRequest(), result.serverCpuMillisPerRequest()));
        }
        for (OpenLoopLoad.Result result : results) {
            if (!result.firstError().isEmpty()) {
                out.append("\nFirst error (").append(result.client()).append("): `").append(result.firstError()).append("`\n");
            }
            double p99 = Distribution.of(result.latenciesNanos()).percentile(99) / 1e6;
            out.append(String.format(Locale.ROOT, "%nGoal p99 < 5 ms, %s at %d req/s: **%s** (%.2f ms).%n",
                    result.client(), result.settings().ratePerSecond(), p99 < 5 ? "met" : "missed", p99));
        }
        out.append('\n');
        return this;
    }

    MarkdownReport memory(ServerMemory server, ColdStartBenchmark.Results cold)
    {
        out.append("## Memory\n\n| process | resident MB |\n|---|---:|\n");
        server.idle().ifPresent(status -> memoryRow("control plane, idle after start (VmRSS)", status.rssKb()));
        server.afterColdRuns().ifPresent(status -> memoryRow("control plane, after the cold runs (VmRSS)", status.rssKb()));
        server.afterLoad().ifPresent(status -> {
            memoryRow("control plane, after the GetJobRun load (VmRSS)", status.rssKb());
            memoryRow("control plane, peak over the whole run (VmHWM)", status.peakRssKb());
        });
        medianPeak("Emrys driver JVM, peak (VmHWM sampled every 100 ms; median of runs)",
                cold.emrysLocal().stream().map(EmrysJobRunner.Sample::driverPeakRssKb).toList());
        medianPeak("raw Spark JVM, peak (VmHWM sampled every 50 ms; median of runs)",
                cold.raw().stream().map(RawSparkRunner.Sample::peakRssKb).toList());
        out.append('\n');
        return this;
    }

    String render()
    {
        return out.toString();
    }

    private static <T> Distribution millis(List<T> samples, ToLongFunction<T> field)
    {
        return Distribution.of(samples.stream().map(sample -> field.applyAsLong(sample)).toList());
    }

    private void row(String what, Distribution values, double rawMedian)
    {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %.2fx |%n", what, values.median(), values.min(), values.max(), values.median() / rawMedian));
    }

    private void plainRow(String what, Distribution values)
    {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d |%n", what, values.median(), values.min(), values.max()));
    }

    private void memoryRow(String what, long kilobytes)
    {
        out.append(String.format(Locale.ROOT, "| %s | %.0f |%n", what, kilobytes / 1024.0));
    }

    private void medianPeak(String what, List<OptionalLong> peaks)
    {
        List<Long> known = peaks.stream().filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
        if (!known.isEmpty()) {
            memoryRow(what, (long) Distribution.of(known).median());
        }
    }

    private static String ms(long nanos)
    {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
