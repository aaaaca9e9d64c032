package io.emrys.metering;

import static java.util.Objects.requireNonNull;

import io.emrys.store.Transactions;
import java.time.Instant;
import java.util.List;

/** Reads the worker records of a job-run attempt and meters them. */
public final class WorkerUsage
{
    private final Transactions transactions;
    private final WorkerDao workers;

    public WorkerUsage(Transactions transactions, WorkerDao workers)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    public List<WorkerRecord> ofAttempt(String jobRunId, int attempt)
    {
        return transactions.read(handle -> workers.forRun(handle, jobRunId)).stream()
                .filter(worker -> worker.attempt().orElse(-1) == attempt)
                .toList();
    }

    public ResourceUsage total(String jobRunId, int attempt, Instant now)
    {
        return Meter.total(ofAttempt(jobRunId, attempt), now);
    }

    public ResourceUsage billed(String jobRunId, int attempt, Instant now)
    {
        return Meter.billed(ofAttempt(jobRunId, attempt), now);
    }
}
