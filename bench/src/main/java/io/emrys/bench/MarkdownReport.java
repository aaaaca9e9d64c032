package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
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
        row("Emrys, the first job of a fresh application (its standalone host starts with it), local path", millis(results.emrysFresh(),
                EmrysJobRunner.Sample::turnaroundMillis), raw.median());
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
        plainRow("first job of a fresh application: StartJobRun to the driver JVM's fork", millis(results.emrysFresh(), EmrysJobRunner.Sample::submitToJvmStartMillis));
        plainRow("first job of a fresh application: driver JVM lifetime (it waits for the host it started beside)",
                millis(results.emrysFresh(), EmrysJobRunner.Sample::jvmMillis));
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

    MarkdownReport sessionColdStarts(SessionColdStartBenchmark.Results results, int warmupRounds, List<String> rawCommand)
    {
        Distribution raw = millis(results.raw(), RawConnectServer.Sample::totalMillis);
        Distribution emrys = millis(results.emrys(), EmrysSessionRunner.Sample::totalMillis);
        long mapped = results.emrys().stream().filter(sample -> !sample.recordedArchive()).count();
        out.append("## Interactive session: cold start to first result\n\n");
        out.append("Driver 1 core / 1024 MB on both sides. Emrys: from the StartSession call, GetSession every 100 ms until IDLE, ")
                .append("GetSessionEndpoint, the Spark Connect JVM client through the TLS gateway with the session's token, until `SELECT 1` returns. ")
                .append("Raw: a Spark Connect server started from the same runtime, its port probed every 50 ms, the same client straight at it ")
                .append("(plaintext) until `SELECT 1` returns. ").append(raw.count()).append(" rounds, interleaved, after ").append(warmupRounds)
                .append(" discarded raw run(s) (client classes, page cache). Each session is terminated and each raw server stopped after its run.\n\n");
        out.append("Emrys keeps a class-data archive (AppCDS) of Connect servers in `<data>/class-archives`: a session that finds none records one ")
                .append("into its work dir, and the server keeps it if the driver exits cleanly (0, or 143 after SIGTERM) when the session ends; later ")
                .append("sessions map it. The recording sessions (until one was kept, at most 3) are reported on their own; the measured Emrys ")
                .append("rounds mapped an archive in ").append(mapped).append(" of ").append(results.emrys().size())
                .append(" runs. Raw servers run without an archive, as Spark does by default.\n\n");
        out.append("| what | median ms | min ms | max ms | median vs raw |\n|---|---:|---:|---:|---:|\n");
        row("raw Spark Connect server: process start to the `SELECT 1` result", raw, raw.median());
        row("Emrys session, measured rounds (class-data archive mapped): StartSession to the `SELECT 1` result", emrys, raw.median());
        if (!results.coldArchive().isEmpty()) {
            row("Emrys session recording the archive (no archive yet; " + results.coldArchive().size() + " run(s))",
                    millis(results.coldArchive(), EmrysSessionRunner.Sample::totalMillis), raw.median());
        }
        double ratio = emrys.median() / raw.median();
        out.append('\n').append(String.format(Locale.ROOT, "Goal: within 1.2x of raw. Measured %.2fx (measured rounds): **%s**.", ratio, ratio <= 1.2 ? "met" : "missed"));
        if (!results.coldArchive().isEmpty()) {
            out.append(" Recording sessions, each: ");
            List<String> recordings = new ArrayList<>();
            for (EmrysSessionRunner.Sample sample : results.coldArchive()) {
                recordings.add(String.format(Locale.ROOT, "%d ms (%.2fx; to IDLE %d ms), driver exit code %s, archive %s", sample.totalMillis(),
                        sample.totalMillis() / raw.median(), sample.submitToIdleMillis(),
                        sample.driverExitCode().isPresent() ? Integer.toString(sample.driverExitCode().getAsInt()) : "unknown",
                        sample.archiveAfter() ? "kept" : "**not kept**"));
            }
            out.append(String.join("; ", recordings)).append('.');
            if (results.coldArchive().stream().anyMatch(sample -> !sample.archiveAfter())) {
                out.append(" Exit code 137: the JVM was still writing the archive when the server's stop grace (10 s by default) ran out and it was killed, "
                        + "so the recording was dropped.");
            }
        }
        out.append("\n\nWhere the time goes (medians):\n\n| step | median ms | min ms | max ms |\n|---|---:|---:|---:|\n");
        plainRow("Emrys: StartSession to the driver JVM's fork (`driver.pid` written)", millis(results.emrys(), EmrysSessionRunner.Sample::submitToJvmStartMillis));
        plainRow("Emrys: StartSession to the first GetSession that saw IDLE", millis(results.emrys(), EmrysSessionRunner.Sample::submitToIdleMillis));
        plainRow("Emrys: from IDLE: GetSessionEndpoint, client, TLS handshake, `SELECT 1`", millis(results.emrys(), EmrysSessionRunner.Sample::idleToResultMillis));
        plainRow("Emrys: of which the first `SELECT 1` alone (through the gateway)", millis(results.emrys(), EmrysSessionRunner.Sample::firstQueryMillis));
        plainRow("raw: process start to the gRPC port accepting", millis(results.raw(), RawConnectServer.Sample::portOpenMillis));
        plainRow("raw: from the open port: client, `SELECT 1`", millis(results.raw(), sample -> sample.totalMillis() - sample.portOpenMillis()));
        plainRow("raw: of which the first `SELECT 1` alone", millis(results.raw(), RawConnectServer.Sample::firstQueryMillis));
        out.append("\nRaw Spark Connect server command (the JVM options are the ones Emrys gives its Connect servers):\n\n```\n")
                .append(String.join(" ", rawCommand)).append("\n```\n\n");
        return this;
    }

    MarkdownReport gateway(List<GatewayBenchmark.Result> results)
    {
        out.append("## Gateway throughput and per-call latency\n\n");
        if (results.isEmpty()) {
            return this;
        }
        GatewayBenchmark.Settings settings = results.get(0).settings();
        out.append(String.format(Locale.ROOT, "One live session per server. Throughput: `spark.range(%d).toDF().collectResult()` counted (every Arrow batch crosses ", settings.rows()))
                .append("the wire; no `Row` objects are made), through the gateway and straight at the same session driver's gRPC port on loopback ")
                .append("(found in its `spark.properties`; this path skips the token check), alternating, ").append(settings.transfers())
                .append(" times each after one unmeasured. Latency: ").append(settings.calls())
                .append(" `spark.sql(\"SELECT 1\").collectAsList()` round trips per path in alternating blocks of 50, after ").append(settings.warmupCalls())
                .append(" unmeasured; the control plane's CPU time (/proc, 10 ms ticks) over the gateway blocks, per call. The direct path is plaintext; the TLS gateway adds TLS on the client's side of the proxy, which a plaintext ")
                .append("gateway (a second server with `--gateway-plaintext`) leaves out.\n\n");
        out.append("| path | rows/s (median) | median ms | min ms | max ms | vs direct |\n|---|---:|---:|---:|---:|---:|\n");
        for (GatewayBenchmark.Result result : results) {
            Distribution viaGateway = Distribution.of(result.gatewayTransferNanos());
            Distribution viaDirect = Distribution.of(result.directTransferNanos());
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %s | %s | %.1f%% |%n", result.path(), result.gatewayRowsPerSecond(), ms((long) viaGateway.median()),
                    ms(viaGateway.min()), ms(viaGateway.max()), 100 * result.gatewayRowsPerSecond() / result.directRowsPerSecond()));
            out.append(String.format(Locale.ROOT, "| direct to the driver (beside the %s) | %.0f | %s | %s | %s | |%n", result.path(), result.directRowsPerSecond(),
                    ms((long) viaDirect.median()), ms(viaDirect.min()), ms(viaDirect.max())));
        }
        out.append("\n| path | p50 ms | p90 ms | p99 ms | max ms | added at p50 ms | control plane CPU ms/call |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (GatewayBenchmark.Result result : results) {
            Distribution viaGateway = Distribution.of(result.gatewayCallNanos());
            Distribution viaDirect = Distribution.of(result.directCallNanos());
            callRow(result.path(), viaGateway, ms(viaGateway.percentile(50) - viaDirect.percentile(50)),
                    result.controlPlaneCpuMillisPerCall() < 0 ? "?" : String.format(Locale.ROOT, "%.2f", result.controlPlaneCpuMillisPerCall()));
            callRow("direct to the driver (beside the " + result.path() + ")", viaDirect, "", "");
        }
        out.append('\n');
        for (GatewayBenchmark.Result result : results) {
            double share = 100 * result.gatewayRowsPerSecond() / result.directRowsPerSecond();
            double added = (Distribution.of(result.gatewayCallNanos()).percentile(50) - Distribution.of(result.directCallNanos()).percentile(50)) / 1e6;
            out.append(String.format(Locale.ROOT, "Goals, %s: throughput >= 95%% of direct: **%s** (%.1f%%); added latency per call < 1 ms: **%s** (%.2f ms at the median).%n%n",
                    result.path(), share >= 95 ? "met" : "missed", share, added < 1 ? "met" : "missed", added));
        }
        return this;
    }

    MarkdownReport sessionMemory(SessionBenchmarks.Results results)
    {
        SessionBenchmarks.Memory memory = results.memory();
        out.append("## Session memory\n\n| process | resident MB |\n|---|---:|\n");
        memory.controlPlaneAfterColdSessions().ifPresent(status -> memoryRow("control plane, after the cold sessions (VmRSS)", status.rssKb()));
        memory.controlPlaneAfterGateway().ifPresent(status -> {
            memoryRow("control plane, one live session, after the gateway measurements (VmRSS)", status.rssKb());
            memoryRow("control plane, peak so far (VmHWM)", status.peakRssKb());
        });
        medianPeak("Emrys session driver at its first result (VmRSS; median of the measured cold sessions)",
                results.cold().emrys().stream().map(EmrysSessionRunner.Sample::driverRssKb).toList());
        medianPeak("raw Spark Connect server at its first result (VmRSS; median of runs)",
                results.cold().raw().stream().map(RawConnectServer.Sample::rssKb).toList());
        memory.driverIdle().ifPresent(status -> memoryRow("Emrys session driver, IDLE before the gateway measurements (VmRSS)", status.rssKb()));
        memory.driverAfterGateway().ifPresent(status -> {
            memoryRow("Emrys session driver, after the gateway measurements (VmRSS)", status.rssKb());
            memoryRow("Emrys session driver, peak (VmHWM)", status.peakRssKb());
        });
        out.append('\n');
        return this;
    }

    /** A section rendered elsewhere ({@link CapacityReport}). */
    MarkdownReport section(String markdown)
    {
        out.append(markdown);
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

    private void callRow(String what, Distribution nanos, String added, String cpu)
    {
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", what, ms(nanos.percentile(50)), ms(nanos.percentile(90)), ms(nanos.percentile(99)),
                ms(nanos.max()), added, cpu));
    }

    private static String ms(long nanos)
    {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}
