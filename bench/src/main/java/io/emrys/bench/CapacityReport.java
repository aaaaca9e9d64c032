package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToLongFunction;

/** Renders the capacity part (warm vs cold vs raw, and the process tree's memory) as one Markdown section. */
final class CapacityReport
{
    static final double JOB_GOAL = 0.2;
    /** Issue E's goal for a cold job on a STARTED application, the same as the cold-start benchmark's. */
    static final double COLD_JOB_GOAL = 1.1;
    static final double SESSION_GOAL = 0.1;

    private final StringBuilder out = new StringBuilder();

    CapacityReport(CapacityBenchmarks.Settings settings)
    {
        this("Pre-initialized capacity: warm vs cold vs raw Spark", "The job half runs once per release label (`--release-labels`), one label after "
                + "the other, each against raw Spark from that label's own runtime folder (the same Spark version as its Emrys drivers); the session half runs on "
                + ReleaseLines.BASELINE_LABEL + " only (no other line's sessions are measured). ", settings);
    }

    /** A section of its own (the PySpark part's) with the capacity part's layout: {@code intro}, then how the halves run. */
    CapacityReport(String heading, String intro, CapacityBenchmarks.Settings settings)
    {
        requireNonNull(settings, "settings is null");
        out.append("## ").append(heading).append("\n\n").append(intro);
        out.append("Each half creates two applications and starts both before its runs: one with `initialCapacity` of one DRIVER and one EXECUTOR of ")
                .append(CapacityBenchmarks.WORKER.cpu()).append(" / ").append(CapacityBenchmarks.WORKER.memory())
                .append(" (warm), one without (cold); auto-stop off; both are stopped at the end of the half. ")
                .append(settings.rounds()).append(" rounds of warm, cold and raw, interleaved, after ").append(settings.warmupRounds())
                .append(" discarded round(s). Before each warm run the harness waits (up to ").append(settings.refillTimeout().toSeconds())
                .append(" s, unmeasured) until `<data>/pool/<applicationId>/` has as many ready drivers (`warm-ready.json`, no `assignment.properties`) ")
                .append("as once the application was STARTED, and waits again after it, so that the pool's refill does not run beside the cold and raw ")
                .append("measurements.\n\n");
    }

    CapacityReport jobs(CapacityBenchmarks.Part<CapacityJobBenchmark.Results> part, String parameters)
    {
        return jobs(part, "Trivial job", "`io.emrys.testjobs.Trivial`, entry point a local path, `" + parameters + "`", JOB_GOAL,
                "Raw Spark command (the same as the cold-start benchmark's, from this label's runtime)");
    }

    /**
     * @param job the heading's name of the job
     * @param description what runs how, before "; GetJobRun every 100 ms."
     * @param warmGoal the warm runs' goal against raw Spark
     */
    CapacityReport jobs(CapacityBenchmarks.Part<CapacityJobBenchmark.Results> part, String job, String description, double warmGoal, String rawCommandTitle)
    {
        CapacityJobBenchmark.Results runs = part.runs();
        Distribution raw = millis(runs.raw(), RawSparkRunner.Sample::wallMillis);
        Distribution warm = millis(runs.warm(), sample -> sample.run().turnaroundMillis());
        Distribution cold = millis(runs.cold(), EmrysJobRunner.Turnaround::turnaroundMillis);
        out.append("### ").append(job).append(" on ").append(ReleaseLines.title(part.runtime())).append(": StartJobRun to SUCCESS\n\n");
        out.append(description).append("; GetJobRun every 100 ms. ");
        applications(part.applications());
        out.append("| what | median ms | min ms | max ms | median vs raw |\n|---|---:|---:|---:|---:|\n");
        row("raw Spark: `SparkSubmit --master local[1]`, process start to exit", raw, raw.median());
        row("Emrys warm (application with initial capacity): StartJobRun to SUCCESS", warm, raw.median());
        row("Emrys cold (STARTED application without it): StartJobRun to SUCCESS", cold, raw.median());
        plainRows("StartJobRun to the first GetJobRun that saw RUNNING", millis(runs.warm(), sample -> sample.run().submitToRunningMillis()),
                millis(runs.cold(), EmrysJobRunner.Turnaround::submitToRunningMillis));
        warmth(runs.warm().stream().filter(CapacityJobBenchmark.WarmSample::readyBefore).count(),
                runs.warm().stream().filter(sample -> sample.run().warmDriver()).count(), runs.warm().size(), part.applications(), "run");
        goal("warm job StartJobRun to SUCCESS", warmGoal, warm, raw, cold, Optional.of(COLD_JOB_GOAL));
        command(rawCommandTitle, part.rawCommand());
        return this;
    }

    /** One row per release label, each label's ratios against its own raw Spark: the figures issue E asks for, side by side. */
    CapacityReport jobLines(List<CapacityBenchmarks.Part<CapacityJobBenchmark.Results>> parts)
    {
        out.append("### Trivial job per Spark line: medians against raw Spark of the same version\n\n");
        out.append(String.format(Locale.ROOT, "| release label (Spark) | raw ms | warm ms | warm vs raw (goal <= %.1fx) | cold ms | cold vs raw (goal <= %.1fx) |%n",
                JOB_GOAL, COLD_JOB_GOAL));
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (CapacityBenchmarks.Part<CapacityJobBenchmark.Results> part : parts) {
            double raw = millis(part.runs().raw(), RawSparkRunner.Sample::wallMillis).median();
            double warm = millis(part.runs().warm(), sample -> sample.run().turnaroundMillis()).median();
            double cold = millis(part.runs().cold(), EmrysJobRunner.Turnaround::turnaroundMillis).median();
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.3fx %s | %.0f | %.3fx %s |%n", ReleaseLines.title(part.runtime()), raw, warm, warm / raw,
                    warm / raw <= JOB_GOAL ? "met" : "missed", cold, cold / raw, cold / raw <= COLD_JOB_GOAL ? "met" : "missed"));
        }
        out.append("\nThe labels ran one after the other, so compare each label's Emrys figures with its own raw Spark, not labels with each other.\n\n");
        return this;
    }

    CapacityReport sessions(CapacityBenchmarks.Part<CapacitySessionBenchmark.Results> part)
    {
        return sessions(part, "Session", "Emrys: StartSession, GetSession every 100 ms until IDLE, GetSessionEndpoint, the Spark Connect client through the "
                + "TLS gateway until `SELECT 1` returns (driver 1 core / 1024 MB in `spark-defaults`). Raw: a Spark Connect server started from the same "
                + "runtime, its port probed every 50 ms, the client straight at it; the same measurement as the cold-session benchmark's. ",
                "Raw Spark Connect server command (the same as the cold-session benchmark's)");
    }

    /**
     * @param sessions the heading's name of what starts
     * @param description how both sides are measured
     */
    CapacityReport sessions(CapacityBenchmarks.Part<CapacitySessionBenchmark.Results> part, String sessions, String description, String rawCommandTitle)
    {
        CapacitySessionBenchmark.Results runs = part.runs();
        Distribution raw = millis(runs.raw(), RawConnectServer.Sample::totalMillis);
        Distribution warm = millis(runs.warm(), sample -> sample.run().totalMillis());
        Distribution cold = millis(runs.cold(), EmrysSessionRunner.FirstResult::totalMillis);
        out.append("### ").append(sessions).append(" on ").append(ReleaseLines.title(part.runtime())).append(": start to the first `SELECT 1` result\n\n");
        out.append(description).append("Measured cold sessions map the server's class-data archive. ");
        applications(part.applications());
        out.append("| what | median ms | min ms | max ms | median vs raw |\n|---|---:|---:|---:|---:|\n");
        row("raw Spark Connect server: process start to the `SELECT 1` result", raw, raw.median());
        row("Emrys warm session (application with initial capacity): StartSession to the `SELECT 1` result", warm, raw.median());
        row("Emrys cold session (STARTED application without it)", cold, raw.median());
        plainRows("StartSession to the first GetSession that saw IDLE", millis(runs.warm(), sample -> sample.run().submitToIdleMillis()),
                millis(runs.cold(), EmrysSessionRunner.FirstResult::submitToIdleMillis));
        plainRows("from IDLE: GetSessionEndpoint, client, TLS, `SELECT 1`", millis(runs.warm(), sample -> sample.run().idleToResultMillis()),
                millis(runs.cold(), EmrysSessionRunner.FirstResult::idleToResultMillis));
        plainRows("of which the first `SELECT 1` alone", millis(runs.warm(), sample -> sample.run().firstQueryMillis()),
                millis(runs.cold(), EmrysSessionRunner.FirstResult::firstQueryMillis));
        out.append(String.format(Locale.ROOT, "| raw: process start to the gRPC port accepting | %.0f | | |%n", millis(runs.raw(), RawConnectServer.Sample::portOpenMillis).median()));
        warmth(runs.warm().stream().filter(CapacitySessionBenchmark.WarmSample::readyBefore).count(),
                runs.warm().stream().filter(sample -> sample.run().warmDriver()).count(), runs.warm().size(), part.applications(), "session");
        goal("warm session start to first result", SESSION_GOAL, warm, raw, cold, Optional.empty());
        command(rawCommandTitle, part.rawCommand());
        return this;
    }

    /** Figures the harness took itself (raw Spark's JVMs are its children, not the server's), shown beside the tree's. */
    record Comparison(String what, List<Long> kilobytes)
    {
        Comparison
        {
            requireNonNull(what, "what is null");
            kilobytes = List.copyOf(kilobytes);
        }

        static Comparison of(String what, List<OptionalLong> values)
        {
            return new Comparison(what, values.stream().filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList());
        }
    }

    /** The resident memory of one half: the control plane and every JVM of its tree, by kind, and the harness's own figures. */
    CapacityReport memory(String half, CapacityBenchmarks.PartMemory memory, List<Comparison> comparisons)
    {
        ProcessTreeSampler.Summary tree = memory.tree();
        out.append("### Memory during the ").append(half).append("\n\n");
        out.append("The control plane's process tree, sampled every 250 ms from `/proc` (").append(tree.samples())
                .append(" samples); each JVM classified by its command line and work dir. Peak = VmHWM of one process (a Connect server that records ")
                .append("the class-data archive peaks while writing it at exit).\n\n");
        out.append("| process | seen | peak of one, max MB | peak of one, median MB | largest total at once MB |\n|---|---:|---:|---:|---:|\n");
        for (ProcessTreeSampler.KindMemory kind : tree.kinds()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", kind.kind().label(), kind.processes(), mb(kind.maxPeakKb()), mb(kind.medianPeakKb()),
                    mb(kind.maxTotalRssKb())));
        }
        out.append(String.format(Locale.ROOT, "| whole tree (control plane and all its JVMs), largest total at once | | | | %s |%n", mb(tree.maxTreeRssKb())));
        for (Comparison comparison : comparisons) {
            if (!comparison.kilobytes().isEmpty()) {
                Distribution distribution = Distribution.of(comparison.kilobytes());
                out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | |%n", comparison.what(), comparison.kilobytes().size(), mb(distribution.max()),
                        mb((long) distribution.median())));
            }
        }
        out.append("\nControl plane VmRSS: ").append(status(memory.controlPlaneBefore(), ProcStatus::rssKb)).append(" MB before the half's applications, ")
                .append(atRestControlPlane(memory.atRest())).append(" MB with both STARTED, ").append(status(memory.controlPlaneAfter(), ProcStatus::rssKb))
                .append(" MB after the runs; VmHWM so far ").append(status(memory.controlPlaneAfter(), ProcStatus::peakRssKb)).append(" MB.\n\n");
        out.append("At rest (both applications STARTED, before the first run): ");
        List<String> atRest = memory.atRest().stream().filter(sample -> sample.kind() != ProcessKind.CONTROL_PLANE)
                .map(sample -> String.format(Locale.ROOT, "%s pid %d %s MB", sample.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '), sample.pid(), mb(sample.rssKb())))
                .toList();
        out.append(atRest.isEmpty() ? "no JVM besides the control plane" : String.join("; ", atRest)).append(".\n\n");
        return this;
    }

    /** Markdown of the caller's own, as it is (a paragraph or a table, ending in a blank line). */
    CapacityReport paragraph(String markdown)
    {
        out.append(markdown);
        return this;
    }

    String render()
    {
        return out.toString();
    }

    private void applications(CapacityBenchmarks.Applications applications)
    {
        out.append(String.format(Locale.ROOT, "StartApplication to STARTED: warm %d ms (%d ready warm driver(s) once STARTED), cold %d ms.%n%n",
                applications.warmStartMillis(), applications.readyAtRest(), applications.coldStartMillis()));
    }

    private void warmth(long readyBefore, long tookWarm, int count, CapacityBenchmarks.Applications applications, String what)
    {
        out.append(String.format(Locale.ROOT, "%nWarm %ss that found a ready warm driver in the pool when submitted: %d of %d; that took one (an assignment in the pool named the %s): %d of %d.",
                what, readyBefore, count, what, tookWarm, count));
        if (tookWarm == 0) {
            out.append(" **No warm driver was taken**: the server kept no usable pool for application ").append(applications.warmId())
                    .append(", so the warm figures are cold runs on an application that asked for initial capacity.");
        }
        else if (tookWarm < count) {
            out.append(" **Not every warm ").append(what).append(" was warm.**");
        }
        out.append("\n\n");
    }

    /** @param coldGoal the cold runs' own goal, where there is one (jobs: issue E's cold <= 1.1x raw) */
    private void goal(String what, double goal, Distribution warm, Distribution raw, Distribution cold, Optional<Double> coldGoal)
    {
        double ratio = warm.median() / raw.median();
        double coldRatio = cold.median() / raw.median();
        // %s of the goal as written (0.25, not 0.3)
        out.append(String.format(Locale.ROOT, "Goal: %s <= %sx raw Spark. Measured %.3fx (medians, same run): **%s**. Cold: %.2fx raw%s.%n%n",
                what, BigDecimal.valueOf(goal).stripTrailingZeros().toPlainString(), ratio, ratio <= goal ? "met" : "missed", coldRatio,
                coldGoal.map(limit -> String.format(Locale.ROOT, " (goal <= %.1fx: **%s**)", limit, coldRatio <= limit ? "met" : "missed")).orElse("")));
    }

    private void command(String what, List<String> command)
    {
        out.append(what).append(":\n\n```\n").append(String.join(" ", command)).append("\n```\n\n");
    }

    private void row(String what, Distribution values, double rawMedian)
    {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %.3fx |%n", what, values.median(), values.min(), values.max(), values.median() / rawMedian));
    }

    private void plainRows(String step, Distribution warm, Distribution cold)
    {
        out.append(String.format(Locale.ROOT, "| warm: %s | %.0f | %d | %d | |%n", step, warm.median(), warm.min(), warm.max()));
        out.append(String.format(Locale.ROOT, "| cold: %s | %.0f | %d | %d | |%n", step, cold.median(), cold.min(), cold.max()));
    }

    private static String atRestControlPlane(List<ProcessTreeSampler.ProcessSample> atRest)
    {
        return atRest.stream().filter(sample -> sample.kind() == ProcessKind.CONTROL_PLANE).findFirst().map(sample -> mb(sample.rssKb())).orElse("?");
    }

    private static String status(Optional<ProcStatus> status, ToLongFunction<ProcStatus> field)
    {
        return status.map(value -> mb(field.applyAsLong(value))).orElse("?");
    }

    private static String mb(long kilobytes)
    {
        return String.format(Locale.ROOT, "%.0f", kilobytes / 1024.0);
    }

    private static <T> Distribution millis(List<T> samples, ToLongFunction<T> field)
    {
        return Distribution.of(samples.stream().map(sample -> field.applyAsLong(sample)).toList());
    }
}
