package io.emrys.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Renders the real-job part (CSV on the object store, aggregate, Parquet back to it, read back) as one Markdown
 * section: what ran, once; a summary row per release label; then each label's table against its own raw Spark.
 */
final class RealJobReport
{
    private final StringBuilder out = new StringBuilder();

    String render(RealJobPart.Outcome outcome)
    {
        RealJobPart.Settings settings = outcome.settings();
        RealJobBenchmark.Job job = outcome.lines().get(0).job();
        List<String> firstRaw = outcome.lines().get(0).rawCommand();
        out.append("## Small real job: CSV on S3, aggregate, Parquet on S3, read back\n\n");
        out.append(String.format(Locale.ROOT, "`%s` reads `s3://%s/%s` (a CSV with a header, `id,category,amount`: %,d rows, %.1f MB, %d categories; ",
                RealJobPart.MAIN_CLASS, job.bucket(), job.inputKey(), outcome.input().expected().rows(), outcome.input().bytes() / 1e6, RealJobInput.CATEGORIES));
        out.append("deterministic content, uploaded once to the server's embedded object store), groups by `category`, sums `amount`, writes Parquet to a ")
                .append("folder of its own per run on the same store, and with `--read-back` reads that Parquet back (`spark.read().parquet(output)`) and ")
                .append("prints the groups, the input rows they count and the total. Emrys: StartJobRun (entry point the test-jobs jar as a local path, `")
                .append(job.sparkSubmitParameters()).append("`, arguments `s3://...` input and output and `--read-back`) to SUCCESS, GetJobRun every 100 ms")
                .append(settings.warm() ? ", on a STARTED application without initial capacity (cold) and on one with `initialCapacity` of one DRIVER and one EXECUTOR of "
                        + CapacityBenchmarks.WORKER.cpu() + " / " + CapacityBenchmarks.WORKER.memory() + " (warm)" : ", on a STARTED application without initial capacity (cold)")
                .append(". Raw Spark: `SparkSubmit --master ").append(master(firstRaw))
                .append("` from the same label's runtime folder with the same jar, class, driver cores and memory, and `s3a://` paths on the same store, ")
                .append("process start to exit. Per release label (`--release-labels`, one label after the other, each on applications of its own and ")
                .append("writing under `output/<label>/`): ").append(settings.rounds()).append(" rounds, interleaved (")
                .append(settings.warm() ? "warm, cold, raw" : "cold, raw").append("), after ").append(settings.warmupRounds()).append(" discarded round(s).\n\n");
        int checked = outcome.lines().stream().mapToInt(line -> line.results().checkedRuns()).sum();
        out.append(String.format(Locale.ROOT, "Result check: after every run (unmeasured) the harness compared the printed read-back line with the figures it "
                        + "generated the input for (`%s`) and looked for `_SUCCESS` in the run's output folder; a run that failed either would have stopped "
                        + "the benchmark before this report. All **%d runs** (warm-up rounds and every label included) printed the expected line and wrote `_SUCCESS`.%n%n",
                outcome.input().expected(), checked));
        summary(outcome.lines());
        outcome.lines().forEach(this::line);
        out.append("The raw runs' properties file (created owner-only in the scratch folder, the same for every label; the credentials are the server's ")
                .append("root key, left out here):\n\n```\n");
        outcome.rawProperties().forEach((key, value) -> out.append(key).append('=').append(value).append('\n'));
        out.append("```\n\n");
        return out.toString();
    }

    private void summary(List<RealJobPart.Line> lines)
    {
        out.append("| release label (Spark) | raw ms | warm ms | warm vs raw | cold ms | cold vs raw |\n|---|---:|---:|---:|---:|---:|\n");
        for (RealJobPart.Line line : lines) {
            double raw = millis(line.results().raw(), RawSparkRunner.Sample::wallMillis).median();
            double cold = millis(line.results().cold(), EmrysJobRunner.Turnaround::turnaroundMillis).median();
            String warm = "- | -";
            if (!line.results().warm().isEmpty()) {
                double median = millis(line.results().warm(), sample -> sample.run().turnaroundMillis()).median();
                warm = String.format(Locale.ROOT, "%.0f | %.3fx", median, median / raw);
            }
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %s | %.0f | %.3fx |%n", ReleaseLines.title(line.runtime()), raw, warm, cold, cold / raw));
        }
        out.append("\nMedians, each label against raw Spark of its own version; the labels ran one after the other, so compare within a row.\n\n");
    }

    private void line(RealJobPart.Line line)
    {
        RealJobBenchmark.Results results = line.results();
        Distribution raw = millis(results.raw(), RawSparkRunner.Sample::wallMillis);
        Distribution cold = millis(results.cold(), EmrysJobRunner.Turnaround::turnaroundMillis);
        Distribution warm = millis(results.warm(), sample -> sample.run().turnaroundMillis());
        out.append("### ").append(ReleaseLines.title(line.runtime())).append("\n\n");
        out.append("StartApplication to STARTED: cold ").append(line.coldStartMillis()).append(" ms");
        line.warmStartMillis().ifPresent(millis -> out.append(", warm ").append(millis).append(" ms (").append(line.readyAtRest())
                .append(" ready warm driver(s) once STARTED)"));
        out.append(".\n\n| what | median ms | min ms | max ms | median vs raw |\n|---|---:|---:|---:|---:|\n");
        row("raw Spark: `SparkSubmit --master " + master(line.rawCommand()) + "`, process start to exit", raw, raw.median());
        if (!results.warm().isEmpty()) {
            row("Emrys warm (application with initial capacity): StartJobRun to SUCCESS", warm, raw.median());
        }
        row("Emrys cold (STARTED application without it): StartJobRun to SUCCESS", cold, raw.median());
        plainRow("cold: StartJobRun to the first GetJobRun that saw RUNNING", millis(results.cold(), EmrysJobRunner.Turnaround::submitToRunningMillis));
        if (!results.warm().isEmpty()) {
            plainRow("warm: StartJobRun to the first GetJobRun that saw RUNNING", millis(results.warm(), sample -> sample.run().submitToRunningMillis()));
            long tookWarm = results.warm().stream().filter(sample -> sample.run().warmDriver()).count();
            out.append(String.format(Locale.ROOT, "%nWarm runs that found a ready warm driver when submitted: %d of %d; that took one: %d of %d.%s%n",
                    results.warm().stream().filter(CapacityJobBenchmark.WarmSample::readyBefore).count(), results.warm().size(), tookWarm, results.warm().size(),
                    tookWarm < results.warm().size() ? " **Not every warm run was warm.**" : ""));
        }
        out.append(String.format(Locale.ROOT, "%nMedian vs raw: cold %.2fx%s.%n%n", cold.median() / raw.median(),
                results.warm().isEmpty() ? "" : String.format(Locale.ROOT, ", warm %.2fx", warm.median() / raw.median())));
        out.append("Where the tasks ran (the driver's `spark.properties`; raw Spark runs them in its own JVM): Emrys cold ")
                .append(describe(results.coldPlacement()));
        if (!results.warm().isEmpty()) {
            out.append("; Emrys warm ").append(describe(results.warmPlacement()));
        }
        out.append(".\n\nRaw Spark command (the JVM options are the ones Emrys gives its drivers; the runtime folder is this label's):\n\n```\n")
                .append(String.join(" ", line.rawCommand())).append("\n```\n\n");
    }

    private static String master(List<String> command)
    {
        int at = command.indexOf("--master");
        return at >= 0 && at + 1 < command.size() ? command.get(at + 1) : "?";
    }

    private static String describe(Map<String, String> placement)
    {
        if (placement.isEmpty()) {
            return "(no `spark.properties` found)";
        }
        List<String> entries = placement.entrySet().stream().map(entry -> "`" + entry.getKey() + "=" + entry.getValue() + "`").toList();
        return String.join(", ", entries);
    }

    private void row(String what, Distribution values, double rawMedian)
    {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | %.3fx |%n", what, values.median(), values.min(), values.max(), values.median() / rawMedian));
    }

    private void plainRow(String what, Distribution values)
    {
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %d | %d | |%n", what, values.median(), values.min(), values.max()));
    }

    private static <T> Distribution millis(List<T> samples, ToLongFunction<T> field)
    {
        return Distribution.of(samples.stream().map(sample -> field.applyAsLong(sample)).toList());
    }
}
