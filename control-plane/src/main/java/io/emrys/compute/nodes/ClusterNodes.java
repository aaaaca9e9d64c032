package io.emrys.compute.nodes;

import io.emrys.compute.runtime.SparkRuntime;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts the processes of an EMR cluster: where they run is this port's business (today {@link LocalClusterNodes},
 * processes on this machine). Every process keeps its output in files of its folder.
 */
public interface ClusterNodes
{
    /**
     * Writes the cluster's owner-only {@code spark.authenticate} properties (a fresh secret) into {@code clusterDir};
     * every node and step of the cluster reads them from there.
     */
    Path writeClusterSecret(Path clusterDir);

    /** Starts the standalone master; {@link NodeProcess#ready()} completes with its {@code spark://} URL. */
    NodeProcess startMaster(SparkRuntime runtime, Path nodeDir, Path clusterSecret);

    /** Starts one standalone worker offering {@code cores} and {@code memoryMb}; ready once registered with the master. */
    NodeProcess startWorker(SparkRuntime runtime, Path nodeDir, Path clusterSecret, String masterUrl, int cores, long memoryMb);

    /** Starts one step's driver on the master instance: {@code spark-submit} with the step's arguments. */
    NodeProcess submitStep(StepLaunch launch);

    /**
     * Starts {@code bash script args...} (a bootstrap action) in {@code workDir}, the instance's folder, with its
     * output in {@code logDir}'s stdout and stderr and an environment that carries no credential of the server.
     */
    NodeProcess runScript(Path workDir, Path logDir, Path script, List<String> args);
}
