package io.emrys.store;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Runs every state change of the control plane one at a time, each in one database transaction.
 *
 * <p>Why one lock for all writers: SQLite has a single writer anyway, decisions such as "is this application
 * idle" read several resources and must not interleave, and the write rate of a control plane is tiny. Reads do
 * not take it; they are served from each service's in-memory view, which a writer updates only after its
 * transaction has committed (decide, commit, then apply).
 */
public final class Transactions
{
    private final Database database;
    private final ReentrantLock lock = new ReentrantLock();

    public Transactions(Database database)
    {
        this.database = requireNonNull(database, "database is null");
    }

    /**
     * Runs {@code work} under the write lock in a transaction and returns its result. {@code work} may run
     * after-commit actions by returning them to its caller; it must not block on processes or the network.
     */
    public <T> T write(Function<Handle, T> work)
    {
        lock.lock();
        try {
            return database.jdbi().inTransaction(handle -> work.apply(handle));
        }
        finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the write lock, for decisions that must see a stable view of memory. */
    public <T> T locked(java.util.function.Supplier<T> action)
    {
        lock.lock();
        try {
            return action.get();
        }
        finally {
            lock.unlock();
        }
    }

    public <T> T read(Function<Handle, T> work)
    {
        return database.jdbi().withHandle(handle -> work.apply(handle));
    }
}
