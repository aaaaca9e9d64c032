package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.compute.config.CloudCommitter;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.pool.WarmRequests;
import io.emrys.workload.WorkCredentials;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds job drivers' launch requests: the application's configuration classifications under the job's, plus
 * the Emrys defaults every job gets (UI proxy base, the S3A magic committer). Warm drivers are built from the same
 * code with no job, so that what a warm driver runs with is exactly what a job without settings of its own gets.
 */
public final class JobDriverRequests
        implements WarmRequests
{
    private final RuntimeCatalog runtimes;
    private final Supplier<Map<String, String>> hadoopS3a;
    private final WorkCredentials credentials;
    private final Function<String, String> uiProxyBase;

    /**
     * @param hadoopS3a the object store's S3A settings (without the {@code spark.hadoop.} prefix)
     * @param credentials where each driver's S3 credentials come from
     * @param uiProxyBase for a driver's id, the path under which Emrys serves its Spark UI
     */
    public JobDriverRequests(RuntimeCatalog runtimes, Supplier<Map<String, String>> hadoopS3a, WorkCredentials credentials, Function<String, String> uiProxyBase)
    {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.hadoopS3a = requireNonNull(hadoopS3a, "hadoopS3a is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.uiProxyBase = requireNonNull(uiProxyBase, "uiProxyBase is null");
    }

    /** The request of a job-run attempt; {@code runId} is "jobRunId-attempt". */
    public DriverLaunchRequest forRun(Application application, String runId, String releaseLabel, JobRunSpec spec, Path workDir)
    {
        return request(application, runId, releaseLabel, spec, workDir, Optional.of(uiProxyBase.apply(runId)));
    }

    /**
     * A warm driver's request. It has no UI proxy base: which run it will serve, and so under which URL, is not
     * known yet (its live UI links are then relative to the Spark UI's own root). Its S3 credentials file, when it
     * has one, is written here with the store's keys, for its warm-up; the handoff replaces them.
     */
    @Override
    public DriverLaunchRequest warmRequest(Application application, String warmWorkerId, Path workDir)
    {
        credentials.storeKeys(hadoopS3a.get(), workDir);
        return request(application, warmWorkerId, application.configuration().releaseLabel(), JobRunSpec.NONE, workDir, Optional.empty());
    }

    private DriverLaunchRequest request(Application application, String runId, String releaseLabel, JobRunSpec spec, Path workDir,
            Optional<String> proxyBase)
    {
        SparkConfiguration merged = SparkJobRunDrivers.configuration(application, spec);
        Map<String, String> defaults = new LinkedHashMap<>(merged.sparkDefaults());
        // Links in the Spark UI must point under the Emrys URL that serves it; a user's own value wins.
        proxyBase.ifPresent(base -> defaults.putIfAbsent("spark.ui.proxyBase", base));
        CloudCommitter.DEFAULTS.forEach(defaults::putIfAbsent);
        SparkConfiguration configuration = new SparkConfiguration(defaults, merged.driverLog4j2(), merged.executorLog4j2());
        return new DriverLaunchRequest(
                runId,
                runtimes.runtime(releaseLabel),
                spec.entryPoint(),
                spec.entryPointArguments(),
                SparkJobRunDrivers.parameters(spec),
                configuration,
                workDir,
                workDir.resolve("spark-events").toString(),
                credentials.driverS3a(hadoopS3a.get(), workDir));
    }

}
