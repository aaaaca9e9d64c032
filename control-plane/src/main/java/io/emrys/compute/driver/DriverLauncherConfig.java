package io.emrys.compute.driver;

import io.emrys.compute.config.MemorySize;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the driver launcher.
 *
 * @param javaExecutable the {@code java} that runs drivers (default: the control plane's own)
 * @param defaultDriverCores driver vCPU when the run sets none (EMR Serverless: 4); also the {@code local[N]} threads
 * @param defaultDriverMemory driver heap when the run sets none (EMR Serverless: 14g)
 * @param workerDiskGb disk recorded per worker unless its work dir grows larger (EMR Serverless: 20 GB)
 * @param adoptedPollInterval how often a re-adopted driver (no longer our child) is checked for exit
 */
public record DriverLauncherConfig(Path javaExecutable, int defaultDriverCores, MemorySize defaultDriverMemory, double workerDiskGb, Duration adoptedPollInterval)
{
    public DriverLauncherConfig
    {
        requireNonNull(javaExecutable, "javaExecutable is null");
        requireNonNull(defaultDriverMemory, "defaultDriverMemory is null");
        requireNonNull(adoptedPollInterval, "adoptedPollInterval is null");
        if (defaultDriverCores <= 0) {
            throw new IllegalArgumentException("defaultDriverCores must be positive: " + defaultDriverCores);
        }
        if (workerDiskGb <= 0) {
            throw new IllegalArgumentException("workerDiskGb must be positive: " + workerDiskGb);
        }
    }

    public static DriverLauncherConfig defaults()
    {
        return new DriverLauncherConfig(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                4,
                new MemorySize(14 * 1024),
                20,
                Duration.ofMillis(250));
    }

    public DriverLauncherConfig withDefaultDriverResources(int cores, MemorySize memory)
    {
        return new DriverLauncherConfig(javaExecutable, cores, memory, workerDiskGb, adoptedPollInterval);
    }
}
