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
    private final java.util.Map<String, List<WorkerRecord>> endedAttempts = new java.util.concurrent.ConcurrentHashMap<>();

    public WorkerUsage(Transactions transactions, WorkerDao workers)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    public List<WorkerRecord> ofAttempt(String jobRunId, int attempt)
    {
        String key = jobRunId + "/" + attempt;
        List<WorkerRecord> ended = endedAttempts.get(key);
        if (ended != null) {
            return ended;
        }
        List<WorkerRecord> records = transactions.read(handle -> workers.forRun(handle, jobRunId)).stream()
                .filter(worker -> worker.attempt().orElse(-1) == attempt)
                .toList();
        // Once every worker of an attempt has stopped its records never change (a retry is a new attempt), so
        // they are kept in memory and GetJobRun of an ended run does not touch the database.
        if (!records.isEmpty() && records.stream().allMatch(worker -> worker.stoppedAt().isPresent())) {
            endedAttempts.put(key, records);
        }
        return records;
    }

    /** Total and billed usage of an attempt, read once. */
    public Usage usage(String jobRunId, int attempt, Instant now)
    {
        List<WorkerRecord> records = ofAttempt(jobRunId, attempt);
        return new Usage(Meter.total(records, now), Meter.billed(records, now));
    }

    public record Usage(ResourceUsage total, ResourceUsage billed) {}
}
