package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.SparkConfiguration;
import io.emrys.pool.ColdPlacement;
import io.emrys.pool.WarmTake;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one kind of work asks of {@link PooledDrivers} to start its driver: the Spark properties it wants (which
 * decide whether a warm driver can serve it and how large a cold one is), and how to put it on a warm driver or
 * start a cold one.
 *
 * @param wanted the work's Spark properties, application and work level, before Emrys's own
 * @param runtimeSettingsAllowed whether settings a warm driver was not started with may still be applied at run time
 * @param coldOnly why the work must start cold whatever the pool holds, if it must
 * @param onWarm hands the work to the warm driver taken for it
 * @param onCold starts a cold driver within the placement reserved for it
 */
public record DriverLaunch(
        Map<String, String> wanted,
        SparkConfiguration configuration,
        Path workDir,
        boolean runtimeSettingsAllowed,
        Optional<String> coldOnly,
        Function<WarmTake, LaunchedDriver> onWarm,
        Function<ColdPlacement, LaunchedDriver> onCold)
{
    public DriverLaunch
    {
        wanted = Map.copyOf(requireNonNull(wanted, "wanted is null"));
        requireNonNull(configuration, "configuration is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(coldOnly, "coldOnly is null");
        requireNonNull(onWarm, "onWarm is null");
        requireNonNull(onCold, "onCold is null");
    }
}
