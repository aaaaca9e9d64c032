package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.application.ApplicationConfiguration;
import io.emrys.compute.config.ClassificationDocuments;
import io.emrys.compute.config.CloudCommitter;
import io.emrys.compute.warm.WarmDriver;
import io.emrys.compute.warm.WarmDriverFit;
import io.emrys.pool.ColdPlacement;
import io.emrys.pool.ComputePools;
import io.emrys.pool.WarmTake;
import io.emrys.pool.WorkOwner;
import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncher;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.compute.config.SparkSubmitParameters;
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
    private final RuntimeCatalog runtimes;
    private final DriverLauncher launcher;
    private final JobDriverRequests requests;
    private final ComputePools pools;

    public SparkDriverSupervisor(RuntimeCatalog runtimes, DriverLauncher launcher, JobDriverRequests requests, ComputePools pools)
    {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.pools = requireNonNull(pools, "pools is null");
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
        String runId = run.id().value() + "-" + attempt;
        DriverLaunchRequest request = requests.forRun(application, runId, run.releaseLabel(), run.spec(), workDir);
        WorkOwner owner = WorkOwner.jobRun(application.id().value(), run.id().value(), attempt);
        Map<String, String> wanted = ComputePools.wantedProperties(request);
        Optional<String> notAJar = WarmDriverFit.whyColdEntryPoint(run.spec().entryPoint());
        WarmTake take = notAJar.isPresent()
                ? WarmTake.cold(notAJar.map(reason -> "Started cold: " + reason))
                : pools.takeWarm(application, owner, wanted, request.configuration(), workDir, true);
        if (take.driver().isPresent()) {
            WarmDriver warm = take.driver().get();
            warm.runJob(run.spec().entryPoint(), request.parameters().mainClass(), run.spec().entryPointArguments(), take.runtimeSettings());
            return new SparkDriver(warm.process(), take.released(), true, Optional.empty());
        }
        ColdPlacement placement = pools.reserveCold(application, owner, wanted, workDir);
        DriverProcess process;
        try {
            process = launcher.launch(ComputePools.withDriverSize(request, placement.driver()).withExecutors(placement.placement()));
        }
        catch (RuntimeException e) {
            pools.abandon(owner);
            throw e;
        }
        CompletableFuture<Void> released = pools.watchCold(owner, placement, process.onExit());
        return new SparkDriver(process, released, false, take.coldReason());
    }

    @Override
    public Optional<RunningDriver> adopt(Application application, JobRun run, int attempt, long pid, Path workDir)
    {
        Optional<DriverProcess> adopted = launcher.adopt(pid, workDir);
        // its executors' records go on from its events file, and its capacity is held again
        return adopted.map(process -> new SparkDriver(process,
                pools.adopt(application, WorkOwner.jobRun(application.id().value(), run.id().value(), attempt), workDir, process.onExit()), false, Optional.empty()));
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

    static SparkSubmitParameters parameters(JobRunSpec spec)
    {
        return spec.sparkSubmitParameters().map(SparkSubmitParameters::parse).orElse(SparkSubmitParameters.NONE);
    }

    static SparkConfiguration configuration(Application application, JobRunSpec spec)
    {
        return SparkConfiguration.merge(
                ClassificationDocuments.fromJson(application.configuration().runtimeConfiguration(), "runtimeConfiguration"),
                ClassificationDocuments.fromJson(spec.applicationConfiguration(), "configurationOverrides.applicationConfiguration"));
    }

    /** {@code released}: the driver's executors are settled (records closed, logs archived), so the run may end. */
    private record SparkDriver(DriverProcess process, CompletableFuture<Void> released, boolean preInitialized, Optional<String> note)
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
            return new WorkerSize(process.size().vcpu(), process.size().memoryGb(), process.size().diskGb());
        }

        @Override
        public CompletableFuture<DriverOutcome> onExit()
        {
            return process.onExit().thenCombine(released.exceptionally(failure -> null), (exit, settled) -> outcome(exit));
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
