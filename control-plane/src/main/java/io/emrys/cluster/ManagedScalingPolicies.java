package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.store.Transactions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The clusters' managed scaling policies, in the {@code emr_managed_scaling_policies} table and served from memory:
 * a change is written first and shown only once its transaction committed, as {@link AutoTerminationPolicies} does.
 */
final class ManagedScalingPolicies
{
    private final Transactions transactions;
    private final Map<String, ManagedScalingPolicy> policies = new ConcurrentHashMap<>();

    ManagedScalingPolicies(Transactions transactions)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    Optional<ManagedScalingPolicy> find(String clusterId)
    {
        return Optional.ofNullable(policies.get(clusterId));
    }

    /** Writes {@code policy} in the caller's transaction; {@link #show} it once that committed. */
    void write(Handle handle, String clusterId, ManagedScalingPolicy policy)
    {
        handle.createUpdate("DELETE FROM emr_managed_scaling_policies WHERE cluster_id = :id").bind("id", clusterId).execute();
        handle.createUpdate("""
                        INSERT INTO emr_managed_scaling_policies (cluster_id, unit_type, minimum_units, maximum_units, maximum_on_demand_units,
                            maximum_core_units, scaling_strategy, utilization_index)
                        VALUES (:id, :unitType, :minimum, :maximum, :onDemand, :core, :strategy, :index)""")
                .bind("id", clusterId)
                .bind("unitType", policy.unitType())
                .bind("minimum", policy.minimumUnits())
                .bind("maximum", policy.maximumUnits())
                .bind("onDemand", policy.maximumOnDemandUnits().orElse(null))
                .bind("core", policy.maximumCoreUnits().orElse(null))
                .bind("strategy", policy.scalingStrategy().orElse(null))
                .bind("index", policy.utilizationPerformanceIndex().orElse(null))
                .execute();
    }

    void show(String clusterId, ManagedScalingPolicy policy)
    {
        policies.put(clusterId, policy);
    }

    void put(String clusterId, ManagedScalingPolicy policy)
    {
        transactions.locked(() -> {
            transactions.write(handle -> {
                write(handle, clusterId, policy);
                return null;
            });
            policies.put(clusterId, policy);
            return null;
        });
    }

    void remove(String clusterId)
    {
        transactions.locked(() -> {
            transactions.write(handle -> handle.createUpdate("DELETE FROM emr_managed_scaling_policies WHERE cluster_id = :id").bind("id", clusterId).execute());
            policies.remove(clusterId);
            return null;
        });
    }

    void load()
    {
        policies.putAll(transactions.read(handle -> {
            Map<String, ManagedScalingPolicy> stored = new LinkedHashMap<>();
            handle.createQuery("SELECT * FROM emr_managed_scaling_policies")
                    .map((rs, ctx) -> Map.entry(rs.getString("cluster_id"), new ManagedScalingPolicy(rs.getString("unit_type"), rs.getInt("minimum_units"),
                            rs.getInt("maximum_units"), optionalInt(rs, "maximum_on_demand_units"), optionalInt(rs, "maximum_core_units"),
                            Optional.ofNullable(rs.getString("scaling_strategy")), optionalInt(rs, "utilization_index"))))
                    .forEach(entry -> stored.put(entry.getKey(), entry.getValue()));
            return stored;
        }));
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column)
            throws SQLException
    {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
