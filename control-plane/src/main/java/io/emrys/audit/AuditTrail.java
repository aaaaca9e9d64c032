package io.emrys.audit;

import static java.util.Objects.requireNonNull;

import io.emrys.common.DaemonThreads;
import io.emrys.store.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records audit events. A call only queues its event; a background writer stores what queued in one transaction
 * every {@code flushInterval}, so auditing adds no database write to a request's path. {@link #close} stores what
 * is left, so a clean stop loses nothing.
 */
public final class AuditTrail
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final Transactions transactions;
    private final AuditDao dao;
    private final ConcurrentLinkedQueue<AuditEvent> pending = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("audit-writer"));

    public AuditTrail(Transactions transactions, AuditDao dao, Duration flushInterval)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        long interval = flushInterval.toMillis();
        writer.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.MILLISECONDS);
    }

    public void record(AuditEvent event)
    {
        pending.add(requireNonNull(event, "event is null"));
    }

    /** Stores every event recorded so far. */
    public synchronized void flush()
    {
        List<AuditEvent> batch = new ArrayList<>();
        for (AuditEvent event = pending.poll(); event != null; event = pending.poll()) {
            batch.add(event);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            transactions.write(handle -> {
                dao.insert(handle, batch);
                return null;
            });
        }
        catch (RuntimeException e) {
            // kept for the next flush: an audit event is never dropped for a passing database error
            pending.addAll(batch);
            throw e;
        }
    }

    public List<AuditEvent> query(AuditFilter filter)
    {
        flush();
        return transactions.read(handle -> dao.query(handle, filter));
    }

    private void flushQuietly()
    {
        try {
            flush();
        }
        catch (RuntimeException e) {
            log.error("Could not store audit events", e);
        }
    }

    @Override
    public void close()
    {
        writer.shutdownNow();
        flush();
    }
}
