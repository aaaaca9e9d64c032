package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.store.Transactions;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * The clusters' auto-termination policies, stored in their own table and served from memory: a change is written
 * first and shown only once its transaction committed, as {@link io.emrys.store.CommittedView} does for clusters.
 */
final class AutoTerminationPolicies
{
    private final Transactions transactions;
    private final AutoTerminationDao dao = new AutoTerminationDao();
    private final Map<String, AutoTerminationPolicy> policies = new ConcurrentHashMap<>();

    AutoTerminationPolicies(Transactions transactions)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
    }

    Optional<AutoTerminationPolicy> find(String clusterId)
    {
        return Optional.ofNullable(policies.get(clusterId));
    }

    /** Writes {@code policy} in the caller's transaction; {@link #show} it once that committed. */
    void write(Handle handle, String clusterId, AutoTerminationPolicy policy)
    {
        dao.put(handle, clusterId, policy);
    }

    void show(String clusterId, AutoTerminationPolicy policy)
    {
        policies.put(clusterId, policy);
    }

    void put(String clusterId, AutoTerminationPolicy policy)
    {
        transactions.locked(() -> {
            transactions.write(handle -> {
                dao.put(handle, clusterId, policy);
                return null;
            });
            policies.put(clusterId, policy);
            return null;
        });
    }

    void remove(String clusterId)
    {
        transactions.locked(() -> {
            transactions.write(handle -> {
                dao.remove(handle, clusterId);
                return null;
            });
            policies.remove(clusterId);
            return null;
        });
    }

    void load()
    {
        policies.putAll(transactions.read(dao::all));
    }
}
