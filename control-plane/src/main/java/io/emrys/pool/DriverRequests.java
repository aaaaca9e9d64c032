package io.emrys.pool;

import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.error.EmrysException;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a driver launch request asks for, and how many executors a size leaves room for. Pure functions. */
public final class DriverRequests
{
    private DriverRequests() {}

    /** The Spark properties a launch request asks for, application and work level, before Emrys's own. */
    public static Map<String, String> wantedProperties(DriverLaunchRequest request)
    {
        Map<String, String> wanted = new LinkedHashMap<>(request.configuration().sparkDefaults());
        wanted.putAll(request.parameters().asSparkProperties());
        return wanted;
    }

    /** The request with the resolved driver size, unless the work set its own. */
    public static DriverLaunchRequest withDriverSize(DriverLaunchRequest request, WorkerSpec driver)
    {
        Map<String, String> defaults = new LinkedHashMap<>(request.configuration().sparkDefaults());
        defaults.putIfAbsent("spark.driver.cores", Integer.toString(driver.cores()));
        defaults.putIfAbsent("spark.driver.memory", driver.memoryMb() + "m");
        SparkConfiguration configuration = new SparkConfiguration(defaults, request.configuration().driverLog4j2(), request.configuration().executorLog4j2());
        return request.withConfiguration(configuration);
    }

    /** How many executors each of {@code drivers} drivers may have within {@code maximum}, sharing it equally. */
    static int executorShare(Capacity maximum, WorkerSpec driver, WorkerSpec executor, int drivers)
    {
        Capacity left = maximum.minus(driver.capacity().times(drivers));
        int fit = Integer.MAX_VALUE;
        Capacity one = executor.capacity();
        if (one.vcpu() > 0) {
            fit = Math.min(fit, (int) Math.floor(left.vcpu() / one.vcpu()));
        }
        if (one.memoryGb() > 0) {
            fit = Math.min(fit, (int) Math.floor(left.memoryGb() / one.memoryGb()));
        }
        if (one.diskGb() > 0) {
            fit = Math.min(fit, (int) Math.floor(left.diskGb() / one.diskGb()));
        }
        return Math.max(0, fit / drivers);
    }

    /** A non-negative whole-number property; VALIDATION when it is not one. */
    static int intProperty(Map<String, String> properties, String key, int otherwise)
    {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        }
        catch (NumberFormatException e) {
            throw EmrysException.validation("Property '%s' must be a whole number, not '%s'".formatted(key, value));
        }
    }
}
