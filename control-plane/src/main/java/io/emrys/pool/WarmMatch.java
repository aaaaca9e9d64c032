package io.emrys.pool;

import io.emrys.compute.warm.WarmDriverFit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Whether work can run on a warm driver, and if not, the reason it starts cold. Pure functions. */
final class WarmMatch
{
    /** Settings a warm driver does not need to share with the work it takes: Emrys sets them per driver. */
    private static final Set<String> PER_DRIVER_KEYS = Set.of("spark.app.name", "spark.ui.proxyBase",
            "spark.driver.cores", "spark.driver.memory", "spark.executor.cores", "spark.executor.memory");

    private WarmMatch() {}

    /** Empty when work of these sizes and {@code wanted} Spark properties can run on {@code slot}. */
    static Optional<String> whyCold(WarmSlot slot, Map<String, String> wanted, WorkerSpec driverSpec, WorkerSpec executorSpec, boolean runtimeSettingsAllowed)
    {
        if (!slot.driverSpec().equals(driverSpec)) {
            return Optional.of("the driver size %s differs from the pre-initialized drivers' %s".formatted(driverSpec.capacity(), slot.driverSpec().capacity()));
        }
        if (!slot.executorSpec().equals(executorSpec)) {
            return Optional.of("the executor size %s differs from the pre-initialized executors' %s".formatted(executorSpec.capacity(), slot.executorSpec().capacity()));
        }
        Optional<String> why = WarmDriverFit.whyCold(slot.baseline(), wanted, PER_DRIVER_KEYS);
        if (why.isEmpty() && !runtimeSettingsAllowed) {
            // a Spark Connect server gives each client session the SparkContext's settings, so a running server
            // cannot take other SQL settings for its future clients
            Optional<String> setting = WarmDriverFit.runtimeSqlConf(slot.baseline(), wanted).keySet().stream().findFirst();
            if (setting.isPresent()) {
                return Optional.of(setting.get() + " differs from the pre-initialized drivers' and a Spark Connect server cannot change it for its clients");
            }
        }
        return why;
    }
}
