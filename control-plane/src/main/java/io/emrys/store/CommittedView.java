package io.emrys.store;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * The in-memory view of one kind of stored row that reads are served from, changed only by decide, commit, apply:
 * a decision sees the current value and returns the next one (or the same instance to change nothing); the next
 * value is written to the store, together with whatever else the transition writes, and only once that commit
 * succeeded does the view show it. Changes are serialised under the store's write lock, so the view never applies
 * two commits out of order and a decision always sees the latest committed value.
 *
 * @param <K> the row's key
 * @param <V> the row's value (an immutable record)
 */
public final class CommittedView<K, V>
{
    private final Transactions transactions;
    private final BiConsumer<Handle, V> update;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    /** @param update writes a changed value over its stored row */
    public CommittedView(Transactions transactions, BiConsumer<Handle, V> update)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.update = requireNonNull(update, "update is null");
    }

    public Optional<V> find(K key)
    {
        return Optional.ofNullable(values.get(key));
    }

    public Collection<V> values()
    {
        return values.values();
    }

    /** Shows a value whose row was loaded from the store or has just been inserted by a committed transaction. */
    public void show(K key, V value)
    {
        values.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
    }

    /** See {@link #change(Object, UnaryOperator, BiConsumer)}; the transition writes nothing else. */
    public V change(K key, UnaryOperator<V> decision)
    {
        return change(key, decision, (handle, next) -> { });
    }

    /**
     * Decides, commits and applies one transition of {@code key}'s value; {@code alsoInTransaction} writes what
     * belongs to the same transition (a worker record, say) in the same transaction, and only when the value
     * changed. Returns the value the view holds afterwards. The key must be shown already.
     */
    public V change(K key, UnaryOperator<V> decision, BiConsumer<Handle, V> alsoInTransaction)
    {
        return transactions.locked(() -> {
            V current = values.get(key);
            if (current == null) {
                throw new IllegalStateException("no value shown for " + key);
            }
            V next = decision.apply(current);
            if (next != current) {
                transactions.write(handle -> {
                    update.accept(handle, next);
                    alsoInTransaction.accept(handle, next);
                    return null;
                });
                values.put(key, next);
            }
            return next;
        });
    }

    /** Runs {@code work} under the store's write lock, so that a check and the changes it leads to are decided together. */
    public <T> T locked(java.util.function.Supplier<T> work)
    {
        return transactions.locked(work);
    }
}
