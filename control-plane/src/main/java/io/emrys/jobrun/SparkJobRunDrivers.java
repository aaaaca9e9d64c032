package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.application.ApplicationConfiguration;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.cluster.DriverRef;
import io.emrys.compute.config.ClassificationDocuments;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.warm.WarmDriver;
import io.emrys.compute.warm.WarmDriverFit;
import io.emrys.pool.DriverRequests;
import io.emrys.pool.WarmTake;
import io.emrys.pool.WorkOwner;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverLaunch;
import io.emrys.workload.DriverOutcome;
import io.emrys.workload.LaunchedDriver;
import io.emrys.workload.PooledDrivers;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Job-run drivers on the Spark runtimes: turns an application and a job run's spec into a driver launch
 * (configuration classifications merged application-first, job-level on top) and starts it through the
 * application's pool, on a warm driver when one serves the job.
 */
public final class SparkJobRunDrivers
        implements JobRunDrivers
{
    private final RuntimeCatalog runtimes;
    private final ClusterManager cluster;
    private final JobDriverRequests requests;
    private final PooledDrivers drivers;

    public SparkJobRunDrivers(RuntimeCatalog runtimes, ClusterManager cluster, JobDriverRequests requests, PooledDrivers drivers)
    {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.requests = requireNonNull(requests, "requests is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
    }

    /** Checks what an application's configuration asks of the runtime: its release label and classifications. */
    public void validateApplication(ApplicationConfiguration configuration)
    {
        runtimes.releaseLabel(configuration.releaseLabel());
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
    public DriverHandle launch(Application application, JobRun run, int attempt, Path workDir)
    {
        DriverLaunchRequest request = requests.forRun(application, run.id().value() + "-" + attempt, run.releaseLabel(), run.spec(), workDir);
        return drivers.launch(application, owner(application, run, attempt), new DriverLaunch(
                DriverRequests.wantedProperties(request),
                request.configuration(),
                workDir,
                true,
                WarmDriverFit.whyColdEntryPoint(run.spec().entryPoint()),
                take -> runOnWarm(take, run, request),
                placement -> LaunchedDriver.job(cluster, cluster.launchDriver(DriverRequests.withDriverSize(request, placement.driver()).withExecutors(placement.placement())))));
    }

    private LaunchedDriver runOnWarm(WarmTake take, JobRun run, DriverLaunchRequest request)
    {
        WarmDriver warm = take.driver().orElseThrow();
        warm.runJob(run.spec().entryPoint(), request.parameters().mainClass(), run.spec().entryPointArguments(), take.runtimeSettings());
        return LaunchedDriver.job(cluster, warm.process());
    }

    @Override
    public Optional<DriverHandle> adopt(Application application, JobRun run, int attempt, DriverRef ref, Path workDir)
    {
        return cluster.adoptDriver(ref, workDir)
                .map(process -> drivers.adopt(application, owner(application, run, attempt), workDir, LaunchedDriver.job(cluster, process)));
    }

    @Override
    public Optional<DriverOutcome> recordedExit(Path workDir)
    {
        return drivers.recordedExit(workDir);
    }

    static WorkOwner owner(Application application, JobRun run, int attempt)
    {
        return WorkOwner.jobRun(application.id(), run.id(), attempt);
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
}
