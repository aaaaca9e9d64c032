package io.emrys.pool;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Each application's {@link ApplicationPool}, made on first need and shared by the pool's parts. */
final class ApplicationPools
{
    private final Map<String, ApplicationPool> pools = new ConcurrentHashMap<>();

    ApplicationPool get(String applicationId)
    {
        return pools.computeIfAbsent(applicationId, ApplicationPool::new);
    }

    Optional<ApplicationPool> find(String applicationId)
    {
        return Optional.ofNullable(pools.get(applicationId));
    }

    List<String> applicationIds()
    {
        return List.copyOf(pools.keySet());
    }
}
