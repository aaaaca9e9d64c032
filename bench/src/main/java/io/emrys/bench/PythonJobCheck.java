package io.emrys.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

/**
 * The PySpark job's check ({@code pyspark_trivial.py}): every run printed {@code emrys-bench pyspark count: 10}, and
 * an Emrys run counts as warm only when, besides the pool's assignment naming it, its driver's stderr says the warm
 * driver took it ({@code took Python job run}, which only a pre-initialized driver prints): a run that started a cold
 * driver is never reported as a warm one. Emrys runs' logs are read from the run's work dir
 * ({@code logs/SPARK_DRIVER/stdout.gz} and {@code stderr.gz}, which the server writes when the driver ends; the plain
 * files if those do not come), raw runs' from their stdout file.
 */
final class PythonJobCheck
        implements CapacityJobBenchmark.RunCheck
{
    static final String SCRIPT = "pyspark_trivial.py";
    static final String COUNT_LINE = "emrys-bench pyspark count: 10";
    static final String WARM_LINE = "took Python job run";
    private static final Duration ARCHIVE_TIMEOUT = Duration.ofSeconds(30);

    @Override
    public EmrysJobRunner.Turnaround emrys(EmrysJobRunner runner, EmrysJobRunner.Turnaround run)
            throws IOException, InterruptedException
    {
        Path workDir = runner.workDir(run.jobRunId());
        String stdout = driverLog(workDir, "stdout");
        if (!stdout.contains(COUNT_LINE)) {
            throw new IllegalStateException("job run " + run.jobRunId() + " ended SUCCESS without printing '" + COUNT_LINE + "'; see " + workDir);
        }
        boolean warmLog = driverLog(workDir, "stderr").contains(WARM_LINE);
        if (run.warmDriver() != warmLog) {
            System.err.printf("emrys-bench: job run %s: pool assignment %s, driver stderr %s '%s': not counted as warm%n", run.jobRunId(),
                    run.warmDriver() ? "names it" : "does not name it", warmLog ? "says" : "does not say", WARM_LINE);
        }
        return new EmrysJobRunner.Turnaround(run.jobRunId(), run.turnaroundMillis(), run.submitToRunningMillis(), run.warmDriver() && warmLog);
    }

    @Override
    public void raw(RawSparkRunner.Sample run)
            throws IOException
    {
        if (!Files.readString(run.stdout(), StandardCharsets.UTF_8).contains(COUNT_LINE)) {
            throw new IllegalStateException("raw spark-submit exited 0 without printing '" + COUNT_LINE + "'; see " + run.stdout());
        }
    }

    /** {@code logs/SPARK_DRIVER/<name>.gz} once the server has archived it (it moves a finished archive in), else the plain file. */
    private static String driverLog(Path workDir, String name)
            throws IOException, InterruptedException
    {
        Path archive = workDir.resolve("logs").resolve("SPARK_DRIVER").resolve(name + ".gz");
        long deadline = System.nanoTime() + ARCHIVE_TIMEOUT.toNanos();
        while (!Files.exists(archive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!Files.exists(archive)) {
            return Files.readString(workDir.resolve(name), StandardCharsets.UTF_8);
        }
        try (InputStream input = new GZIPInputStream(Files.newInputStream(archive))) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
