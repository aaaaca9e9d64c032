package io.emrys.compute.connect;

import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverWorkDir;
import io.emrys.compute.driver.ExecutorPlacement;
import io.emrys.compute.runtime.SparkRuntime;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything needed to start one interactive session's Spark Connect server.
 *
 * @param sessionId the session id; names the driver in worker records and the work dir's run id
 * @param configuration the session's merged configuration (application {@code runtimeConfiguration}, then the
 *        session's {@code configurationOverrides}), from {@link SparkConfiguration#merge}
 * @param workDir the session's folder; created if missing, same layout as a job run's ({@link DriverWorkDir})
 * @param eventLogDir {@code spark.eventLog.dir}; a local path or {@code file:} URI is created if missing
 * @param uiProxyBase {@code spark.ui.proxyBase}: the path under which Emrys serves this server's live UI
 * @param hadoopS3a S3A settings without the {@code spark.hadoop.} prefix, as in {@link DriverLaunchRequest}
 * @param executors where the server's executors run; empty runs them inside the server ({@code local[N]})
 */
public record ConnectServerLaunchRequest(
        String sessionId,
        SparkRuntime runtime,
        SparkConfiguration configuration,
        Path workDir,
        String eventLogDir,
        String uiProxyBase,
        Map<String, String> hadoopS3a,
        Optional<ExecutorPlacement> executors)
{
    public ConnectServerLaunchRequest(String sessionId, SparkRuntime runtime, SparkConfiguration configuration, Path workDir, String eventLogDir,
            String uiProxyBase, Map<String, String> hadoopS3a)
    {
        this(sessionId, runtime, configuration, workDir, eventLogDir, uiProxyBase, hadoopS3a, Optional.empty());
    }

    public ConnectServerLaunchRequest
    {
        requireNonNull(sessionId, "sessionId is null");
        requireNonNull(runtime, "runtime is null");
        requireNonNull(configuration, "configuration is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(eventLogDir, "eventLogDir is null");
        requireNonNull(uiProxyBase, "uiProxyBase is null");
        hadoopS3a = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(hadoopS3a, "hadoopS3a is null")));
        requireNonNull(executors, "executors is null");
    }

    public ConnectServerLaunchRequest withExecutors(Optional<ExecutorPlacement> placement)
    {
        return new ConnectServerLaunchRequest(sessionId, runtime, configuration, workDir, eventLogDir, uiProxyBase, hadoopS3a, placement);
    }
}
