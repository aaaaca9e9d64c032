package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.application.ApplicationConfiguration;
import io.emrys.compute.ClassificationDocuments;
import io.emrys.compute.DriverExit;
import io.emrys.compute.DriverLaunchRequest;
import io.emrys.compute.DriverLauncher;
import io.emrys.compute.DriverProcess;
import io.emrys.compute.RuntimeCatalog;
import io.emrys.compute.SparkConfiguration;
import io.emrys.compute.SparkRuntime;
import io.emrys.compute.SparkSubmitParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs job-run drivers on the Spark runtimes of {@code io.emrys.compute}: turns an application and a job run's
 * spec into a driver launch (configuration classifications merged application-first, job-level on top) and
 * adapts the launcher's processes to {@link RunningDriver}.
 */
public final class SparkDriverSupervisor
        implements DriverSupervisor
{
    private static final Map<String, String> CLOUD_COMMITTER = Map.of(
            "spark.hadoop.fs.s3a.committer.name", "magic",
            "spark.hadoop.fs.s3a.committer.magic.enabled", "true",
            "spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a", "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory",
            "spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3", "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory",
            "spark.sql.sources.commitProtocolClass", "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
            "spark.sql.parquet.output.committer.class", "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter");

    private final RuntimeCatalog runtimes;
    private final DriverLauncher launcher;
    private final Supplier<Map<String, String>> hadoopS3a;
    private final Function<String, String> uiProxyBase;

    /**
     * @param hadoopS3a the object store's S3A settings (without the {@code spark.hadoop.} prefix)
     * @param uiProxyBase for a work dir's run id, the path under which Emrys serves its Spark UI
     */
    public SparkDriverSupervisor(RuntimeCatalog runtimes, DriverLauncher launcher, Supplier<Map<String, String>> hadoopS3a, Function<String, String> uiProxyBase)
    {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.hadoopS3a = requireNonNull(hadoopS3a, "hadoopS3a is null");
        this.uiProxyBase = requireNonNull(uiProxyBase, "uiProxyBase is null");
    }

    /** Checks what an application's configuration asks of the runtime: its release label and classifications. */
    public void validateApplication(ApplicationConfiguration configuration)
    {
        runtimes.runtime(configuration.releaseLabel());
        SparkConfiguration.merge(ClassificationDocuments.fromJson(configuration.runtimeConfiguration(), "runtimeConfiguration"), List.of());
    }

    @Override
    public void validate(Application application, JobRunSpec spec)
    {
        runtimes.runtime(application.configuration().releaseLabel());
        parameters(spec);
        configuration(application, spec);
    }

    @Override
    public RunningDriver launch(Application application, JobRun run, int attempt, Path workDir)
    {
        SparkRuntime runtime = runtimes.runtime(run.releaseLabel());
        String runId = run.id().value() + "-" + attempt;
        SparkConfiguration merged = configuration(application, run.spec());
        Map<String, String> defaults = new LinkedHashMap<>(merged.sparkDefaults());
        // Links in the Spark UI must point under the Emrys URL that serves it; a user's own value wins.
        defaults.putIfAbsent("spark.ui.proxyBase", uiProxyBase.apply(runId));
        // Output to s3:// and s3a:// goes through S3A's magic committer: files become visible only when a job
        // commits, so a failed job leaves no partial output. A user's own settings win.
        CLOUD_COMMITTER.forEach(defaults::putIfAbsent);
        SparkConfiguration configuration = new SparkConfiguration(defaults, merged.driverLog4j2(), merged.executorLog4j2());
        DriverProcess process = launcher.launch(new DriverLaunchRequest(
                runId,
                runtime,
                run.spec().entryPoint(),
                run.spec().entryPointArguments(),
                parameters(run.spec()),
                configuration,
                workDir,
                workDir.resolve("spark-events").toString(),
                hadoopS3a.get()));
        return new SparkDriver(process);
    }

    @Override
    public Optional<RunningDriver> adopt(long pid, Path workDir)
    {
        return launcher.adopt(pid, workDir).map(SparkDriver::new);
    }

    @Override
    public Optional<DriverOutcome> recordedExit(Path workDir)
    {
        Path exitCode = workDir.resolve("exit-code");
        try {
            if (!Files.isRegularFile(exitCode)) {
                return Optional.empty();
            }
            return Optional.of(new DriverOutcome(Integer.parseInt(Files.readString(exitCode, StandardCharsets.UTF_8).trim()), Optional.empty()));
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static SparkSubmitParameters parameters(JobRunSpec spec)
    {
        return spec.sparkSubmitParameters().map(SparkSubmitParameters::parse).orElse(SparkSubmitParameters.NONE);
    }

    private static SparkConfiguration configuration(Application application, JobRunSpec spec)
    {
        return SparkConfiguration.merge(
                ClassificationDocuments.fromJson(application.configuration().runtimeConfiguration(), "runtimeConfiguration"),
                ClassificationDocuments.fromJson(spec.applicationConfiguration(), "configurationOverrides.applicationConfiguration"));
    }

    private record SparkDriver(DriverProcess process)
            implements RunningDriver
    {
        @Override
        public long pid()
        {
            return process.pid();
        }

        @Override
        public Optional<Integer> uiPort()
        {
            return Optional.of(process.uiPort());
        }

        @Override
        public WorkerSize size()
        {
            return new WorkerSize(process.worker().vCpu(), process.worker().memoryGb(), process.worker().diskGb());
        }

        @Override
        public CompletableFuture<DriverOutcome> onExit()
        {
            return process.onExit().thenApply(SparkDriver::outcome);
        }

        @Override
        public void stop(Duration grace)
        {
            process.stop(grace);
        }

        private static DriverOutcome outcome(DriverExit exit)
        {
            return new DriverOutcome(exit.exitCode(), exit.lastErrorLine());
        }
    }
}
