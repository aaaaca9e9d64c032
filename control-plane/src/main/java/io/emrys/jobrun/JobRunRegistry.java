package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import io.emrys.store.Transactions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The job runs and attempts known to this control plane: the store's rows, and an in-memory view that reads are
 * served from. A transition is committed first and applied to the view after (decide, commit, apply).
 */
public final class JobRunRegistry
{
    private final Transactions transactions;
    private final JobRunDao dao;
    private final Map<JobRunId, JobRun> runs = new ConcurrentHashMap<>();
    private final Map<JobRunId, List<JobRunAttempt>> attempts = new ConcurrentHashMap<>();

    public JobRunRegistry(Transactions transactions, JobRunDao dao)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        transactions.read(handle -> {
            dao.allRuns(handle).forEach(run -> runs.put(run.id(), run));
            dao.allAttempts(handle).forEach(attempt -> attempts.merge(attempt.jobRunId(), List.of(attempt), JobRunRegistry::append));
            return null;
        });
    }

    /** Runs {@code decision} under the store's write lock, so that several transitions can be decided together. */
    public <T> T locked(java.util.function.Supplier<T> decision)
    {
        return transactions.locked(decision);
    }

    public Optional<JobRun> run(JobRunId id)
    {
        return Optional.ofNullable(runs.get(id));
    }

    public Collection<JobRun> runs()
    {
        return runs.values();
    }

    public List<JobRunAttempt> attempts(JobRunId id)
    {
        return attempts.getOrDefault(id, List.of());
    }

    public JobRunAttempt latest(JobRunId id)
    {
        List<JobRunAttempt> list = attempts(id);
        if (list.isEmpty()) {
            throw new IllegalStateException("job run without attempts: " + id);
        }
        return list.get(list.size() - 1);
    }

    /** Applies a committed new run and its first attempt to the view. */
    void applyNewRun(JobRun run, JobRunAttempt first)
    {
        runs.put(run.id(), run);
        attempts.put(run.id(), List.of(first));
    }

    /** Commits a new attempt (a retry) and applies it. */
    public JobRunAttempt addAttempt(JobRunAttempt attempt)
    {
        return transactions.locked(() -> {
            transactions.write(handle -> {
                dao.insertAttempt(handle, attempt);
                return null;
            });
            attempts.merge(attempt.jobRunId(), List.of(attempt), JobRunRegistry::append);
            return attempt;
        });
    }

    /**
     * Changes one attempt: {@code decision} sees the stored attempt and returns the next one (or the same one to
     * change nothing). Throws RESOURCE_NOT_FOUND if the attempt does not exist.
     */
    public JobRunAttempt change(JobRunId id, int attemptNumber, UnaryOperator<JobRunAttempt> decision)
    {
        return changeWith(id, attemptNumber, decision, (handle, next) -> { });
    }

    /** Like {@link #change}, running {@code alsoInTransaction} in the same transaction (e.g. worker records). */
    public JobRunAttempt changeWith(JobRunId id, int attemptNumber, UnaryOperator<JobRunAttempt> decision,
            java.util.function.BiConsumer<org.jdbi.v3.core.Handle, JobRunAttempt> alsoInTransaction)
    {
        // The view is updated under the same lock as the commit, so views never apply commits out of order.
        return transactions.locked(() -> {
            JobRunAttempt next = transactions.write(handle -> {
                JobRunAttempt current = find(id, attemptNumber);
                JobRunAttempt changed = decision.apply(current);
                if (changed != current) {
                    dao.updateAttempt(handle, changed);
                    alsoInTransaction.accept(handle, changed);
                }
                return changed;
            });
            attempts.computeIfPresent(id, (key, list) -> {
                List<JobRunAttempt> replaced = new ArrayList<>(list);
                replaced.replaceAll(attempt -> attempt.attempt() == attemptNumber ? next : attempt);
                return List.copyOf(replaced);
            });
            return next;
        });
    }

    private JobRunAttempt find(JobRunId id, int attemptNumber)
    {
        return attempts(id).stream()
                .filter(attempt -> attempt.attempt() == attemptNumber)
                .findFirst()
                .orElseThrow(() -> EmrysException.notFound("Job run %s has no attempt %d".formatted(id, attemptNumber)));
    }

    private static List<JobRunAttempt> append(List<JobRunAttempt> existing, List<JobRunAttempt> added)
    {
        List<JobRunAttempt> combined = new ArrayList<>(existing);
        combined.addAll(added);
        return List.copyOf(combined);
    }
}
