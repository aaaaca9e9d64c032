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
import io.emrys.compute.driver.DriverPlanner;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.compute.warm.WarmDriver;
import io.emrys.compute.warm.WarmDriverFit;
import io.emrys.error.EmrysException;
import io.emrys.pool.DriverRequests;
import io.emrys.pool.WarmTake;
import io.emrys.pool.WorkOwner;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverLaunch;
import io.emrys.workload.DriverOutcome;
import io.emrys.workload.LaunchedDriver;
import io.emrys.workload.PooledDrivers;
import io.emrys.workload.RoleSessionFile;
import io.emrys.workload.WorkCredentials;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    private final WorkCredentials credentials;

    public SparkJobRunDrivers(RuntimeCatalog runtimes, ClusterManager cluster, JobDriverRequests requests, PooledDrivers drivers, WorkCredentials credentials)
    {
        this.credentials = requireNonNull(credentials, "credentials is null");
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
        SparkRuntime runtime = runtimes.runtime(application.configuration().releaseLabel());
        credentials.validate(spec.executionRoleArn(), spec.executionPolicy(), spec.executionPolicyArns());
        SparkSubmitParameters parameters = parameters(spec);
        configuration(application, spec);
        List<String> named = new java.util.ArrayList<>(List.of(spec.entryPoint()));
        named.addAll(parameters.pyFiles());
        named.addAll(parameters.jars());
        named.addAll(parameters.files());
        for (String path : named) {
            // a path of EMR's image that this runtime lacks fails now, not after a driver started
            runtime.emrImagePath(path.strip()).filter(file -> !java.nio.file.Files.exists(file)).ifPresent(file -> {
                throw EmrysException.validation(("%s is not in the %s runtime. Below %s it holds Spark's own layout: jars/, python/lib/ and Spark's Python "
                        + "examples in examples/src/main/python/ (pi.py, wordcount.py, ...); Apache publishes no spark-examples jar to Maven Central or PyPI, "
                        + "so examples/jars/ is absent").formatted(path.strip(), runtime.releaseLabel().label(), SparkRuntime.EMR_SPARK_HOME));
            });
        }
    }

    @Override
    public DriverHandle launch(Application application, JobRun run, int attempt, Path workDir)
    {
        String runId = run.id().value() + "-" + attempt;
        DriverLaunchRequest request = requests.forRun(application, runId, run.releaseLabel(), run.spec(), workDir);
        Map<String, String> wanted = DriverRequests.wantedProperties(request);
        boolean python = DriverPlanner.isPython(run.spec().entryPoint());
        List<String> pyFiles = python ? WarmDriverFit.pyFiles(wanted) : List.of();
        return drivers.launch(application, owner(application, run, attempt), new DriverLaunch(
                python ? WarmDriverFit.withoutPyFiles(wanted) : wanted,
                request.configuration(),
                workDir,
                true,
                WarmDriverFit.whyColdEntryPoint(run.spec().entryPoint()),
                take -> {
                    // the warm driver acts as the run's role from the handoff on: its file changes before its work arrives
                    Optional<RoleSessionFile> session = roleSession(take.driver().orElseThrow().process().workDir(), run, runId);
                    return runOnWarm(take, run, request, python, pyFiles).renewing(session);
                },
                placement -> {
                    Optional<RoleSessionFile> session = roleSession(workDir, run, runId);
                    return LaunchedDriver.job(cluster, cluster.launchDriver(DriverRequests.withDriverSize(request, placement.driver())
                            .withExecutors(placement.placement()))).renewing(session);
                }));
    }

    /** The attempt's own session of the execution role, named after it as EMR Serverless names the job run. */
    private Optional<RoleSessionFile> roleSession(Path driverWorkDir, JobRun run, String runId)
    {
        return credentials.roleSession(driverWorkDir, run.spec().executionRoleArn(), runId, run.spec().executionPolicy(), run.spec().executionPolicyArns());
    }

    private LaunchedDriver runOnWarm(WarmTake take, JobRun run, DriverLaunchRequest request, boolean python, List<String> pyFiles)
    {
        WarmDriver warm = take.driver().orElseThrow();
        String entryPoint = inRuntime(request, run.spec().entryPoint());
        if (python) {
            warm.runPythonJob(entryPoint, run.spec().entryPointArguments(), pyFiles.stream().map(file -> inRuntime(request, file)).toList(), take.runtimeSettings());
        }
        else {
            warm.runJob(entryPoint, request.parameters().mainClass(), run.spec().entryPointArguments(), take.runtimeSettings());
        }
        return LaunchedDriver.job(cluster, warm.process());
    }

    /** A path of EMR's image ({@code local:///usr/lib/spark/...}) as the runtime's own file; any other as it is. */
    private static String inRuntime(DriverLaunchRequest request, String uri)
    {
        return request.runtime().emrImagePath(uri.strip()).map(Path::toString).orElse(uri.strip());
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
