package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.warm.WarmDriver;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The outcome of looking for a warm driver: the driver taken (and its size), or none, with the reason the work
 * starts cold when the application keeps pre-initialized drivers. {@code runtimeSettings} are the work's Spark SQL
 * settings that differ from the warm driver's, to be set in its session before the work runs. {@code released}
 * completes once the driver has ended and its executors' records and logs are settled.
 */
public record WarmTake(Optional<WarmDriver> driver, Optional<WorkerSpec> driverSpec, Map<String, String> runtimeSettings, Optional<String> coldReason,
        CompletableFuture<Void> released)
{
    public WarmTake
    {
        requireNonNull(driver, "driver is null");
        requireNonNull(driverSpec, "driverSpec is null");
        runtimeSettings = Map.copyOf(requireNonNull(runtimeSettings, "runtimeSettings is null"));
        requireNonNull(coldReason, "coldReason is null");
        requireNonNull(released, "released is null");
    }

    static WarmTake warm(WarmDriver driver, WorkerSpec spec, Map<String, String> runtimeSettings, CompletableFuture<Void> released)
    {
        return new WarmTake(Optional.of(driver), Optional.of(spec), runtimeSettings, Optional.empty(), released);
    }

    public static WarmTake cold(Optional<String> reason)
    {
        return new WarmTake(Optional.empty(), Optional.empty(), Map.of(), reason, CompletableFuture.completedFuture(null));
    }
}
