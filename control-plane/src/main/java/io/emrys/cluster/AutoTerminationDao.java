package io.emrys.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The {@code emr_auto_termination_policies} table. Methods run inside the caller's transaction. */
final class AutoTerminationDao
{
    void put(Handle handle, String clusterId, AutoTerminationPolicy policy)
    {
        handle.createUpdate("DELETE FROM emr_auto_termination_policies WHERE cluster_id = :id").bind("id", clusterId).execute();
        handle.createUpdate("INSERT INTO emr_auto_termination_policies (cluster_id, idle_timeout_seconds, since_at) VALUES (:id, :seconds, :since)")
                .bind("id", clusterId)
                .bind("seconds", policy.idleTimeout().toSeconds())
                .bind("since", policy.since().toEpochMilli())
                .execute();
    }

    void remove(Handle handle, String clusterId)
    {
        handle.createUpdate("DELETE FROM emr_auto_termination_policies WHERE cluster_id = :id").bind("id", clusterId).execute();
    }

    Map<String, AutoTerminationPolicy> all(Handle handle)
    {
        Map<String, AutoTerminationPolicy> policies = new LinkedHashMap<>();
        handle.createQuery("SELECT cluster_id, idle_timeout_seconds, since_at FROM emr_auto_termination_policies")
                .map((rs, ctx) -> Map.entry(rs.getString("cluster_id"), new AutoTerminationPolicy(Duration.ofSeconds(rs.getLong("idle_timeout_seconds")),
                        Instant.ofEpochMilli(rs.getLong("since_at")))))
                .forEach(entry -> policies.put(entry.getKey(), entry.getValue()));
        return policies;
    }
}
