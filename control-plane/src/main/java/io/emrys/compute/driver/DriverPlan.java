package io.emrys.compute.driver;

import io.emrys.compute.config.MemorySize;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What {@link DriverPlanner} decided for one launch, before anything touches the disk or starts a process.
 *
 * @param javaCommand the driver JVM's full command line (java first)
 * @param sparkProperties the content of the {@code --properties-file}
 * @param localEntryPoint the entry point when it is a local file, checked before the JVM starts
 * @param environment variables set for the driver on top of the (filtered) control plane environment
 */
public record DriverPlan(
        DriverWorkDir workDir,
        List<String> javaCommand,
        Map<String, String> sparkProperties,
        Optional<Path> localEntryPoint,
        Map<String, String> environment,
        int driverCores,
        MemorySize driverMemory,
        int uiPort)
{
    public DriverPlan
    {
        requireNonNull(workDir, "workDir is null");
        javaCommand = List.copyOf(requireNonNull(javaCommand, "javaCommand is null"));
        sparkProperties = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(sparkProperties, "sparkProperties is null")));
        requireNonNull(localEntryPoint, "localEntryPoint is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(driverMemory, "driverMemory is null");
    }
}
