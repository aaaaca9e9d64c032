package io.emrys.compute.driver;

import io.emrys.compute.config.MemorySize;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Where a driver's executors run: on a Spark standalone master (a {@code StandaloneHost} of {@code compute.standalone})
 * rather than inside the driver ({@code local[N]}), as separate JVMs sized and counted as given here.
 *
 * @param master the standalone master: running ({@code spark://127.0.0.1:<port>}) or its host still starting
 * @param executorCores cores of each executor
 * @param executorMemory heap of each executor
 * @param minExecutors the executors dynamic allocation keeps even when idle
 * @param initialExecutors the executors requested at start
 * @param maxExecutors the most executors the application may hold; a job's own {@code maxExecutors} only lowers it
 * @param workerEventsFile where the driver's worker events listener appends executor events
 * @param authSecretFile the owner-only file with the standalone host's {@code spark.authenticate} secret, which the
 *        driver must present to the master and its executors to it
 */
public record ExecutorPlacement(
        StandaloneMaster master,
        int executorCores,
        MemorySize executorMemory,
        int minExecutors,
        int initialExecutors,
        int maxExecutors,
        Path workerEventsFile,
        Path authSecretFile)
{
    public ExecutorPlacement
    {
        requireNonNull(master, "master is null");
        requireNonNull(executorMemory, "executorMemory is null");
        requireNonNull(workerEventsFile, "workerEventsFile is null");
        requireNonNull(authSecretFile, "authSecretFile is null");
        if (executorCores <= 0) {
            throw new IllegalArgumentException("executorCores must be positive: " + executorCores);
        }
        if (maxExecutors <= 0) {
            throw new IllegalArgumentException("maxExecutors must be positive: " + maxExecutors);
        }
        if (minExecutors < 0 || minExecutors > initialExecutors || initialExecutors > maxExecutors) {
            throw new IllegalArgumentException("expected 0 <= minExecutors <= initialExecutors <= maxExecutors, got %d, %d, %d"
                    .formatted(minExecutors, initialExecutors, maxExecutors));
        }
        workerEventsFile = workerEventsFile.toAbsolutePath().normalize();
    }

    /** A placement on a master that runs at {@code masterUrl}. */
    public ExecutorPlacement(String masterUrl, int executorCores, MemorySize executorMemory, int minExecutors, int initialExecutors, int maxExecutors,
            Path workerEventsFile, Path authSecretFile)
    {
        this(new StandaloneMaster.Running(masterUrl), executorCores, executorMemory, minExecutors, initialExecutors, maxExecutors, workerEventsFile,
                authSecretFile);
    }

    /** The same placement on {@code newMaster}. */
    public ExecutorPlacement withMaster(StandaloneMaster newMaster)
    {
        return new ExecutorPlacement(newMaster, executorCores, executorMemory, minExecutors, initialExecutors, maxExecutors, workerEventsFile, authSecretFile);
    }
}
