package io.emrys.compute.driver;

import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.runtime.SparkRuntime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything needed to start one job run's driver.
 *
 * @param runId the job run id; names the Spark application's process in {@code ps} and in worker records
 * @param entryPoint the application jar: {@code s3://}, {@code s3a://}, {@code file:} or a local path. SparkSubmit
 *        in client mode downloads remote ones through Hadoop S3A into the work dir's tmp folder
 * @param workDir the run's folder ({@code <data-dir>/runs/<runId>/}); created if missing
 * @param eventLogDir {@code spark.eventLog.dir}; a local path or {@code file:} URI is created if missing
 * @param hadoopS3a S3A settings without the {@code spark.hadoop.} prefix (ObjectStoreSettings.hadoopS3aProperties())
 * @param executors where executors run; empty for none of their own: the driver runs tasks itself ({@code local[N]})
 */
public record DriverLaunchRequest(
        String runId,
        SparkRuntime runtime,
        String entryPoint,
        List<String> entryPointArguments,
        SparkSubmitParameters parameters,
        SparkConfiguration configuration,
        Path workDir,
        String eventLogDir,
        Map<String, String> hadoopS3a,
        Optional<ExecutorPlacement> executors)
{
    public DriverLaunchRequest
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(runtime, "runtime is null");
        requireNonNull(entryPoint, "entryPoint is null");
        entryPointArguments = List.copyOf(requireNonNull(entryPointArguments, "entryPointArguments is null"));
        requireNonNull(parameters, "parameters is null");
        requireNonNull(configuration, "configuration is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(eventLogDir, "eventLogDir is null");
        hadoopS3a = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(hadoopS3a, "hadoopS3a is null")));
        requireNonNull(executors, "executors is null");
    }

    /** A request without an executor placement: the driver runs its tasks itself, in {@code local[N]}. */
    public DriverLaunchRequest(
            String runId,
            SparkRuntime runtime,
            String entryPoint,
            List<String> entryPointArguments,
            SparkSubmitParameters parameters,
            SparkConfiguration configuration,
            Path workDir,
            String eventLogDir,
            Map<String, String> hadoopS3a)
    {
        this(runId, runtime, entryPoint, entryPointArguments, parameters, configuration, workDir, eventLogDir, hadoopS3a, Optional.empty());
    }

    /** The same request with other Spark configuration (such as the driver size Emrys resolved). */
    public DriverLaunchRequest withConfiguration(SparkConfiguration newConfiguration)
    {
        return new DriverLaunchRequest(runId, runtime, entryPoint, entryPointArguments, parameters, newConfiguration, workDir, eventLogDir, hadoopS3a,
                executors);
    }

    /** The same request with its executors placed on a standalone master. */
    public DriverLaunchRequest withExecutors(ExecutorPlacement placement)
    {
        return new DriverLaunchRequest(runId, runtime, entryPoint, entryPointArguments, parameters, configuration, workDir, eventLogDir, hadoopS3a,
                Optional.of(placement));
    }
}
