package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.common.ApplicationId;
import io.emrys.common.JobRunId;
import io.emrys.common.Page;
import io.emrys.error.EmrysException;
import io.emrys.store.CommittedView;
import io.emrys.store.Transactions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * The job runs and attempts known to this control plane: the store's rows, and an in-memory view that reads are
 * served from. Attempts change by decide, commit, apply ({@link CommittedView}); a run itself never changes.
 * <p>
 * Stored history only grows, so nothing on a request path may walk all of it: besides the runs by id the view keeps
 * each application's runs newest first (what ListJobRuns pages through), the runs by ARN (tagging), and the runs
 * whose latest attempt has not ended (what admission, the queue, the watchdog and recovery look at). The last two
 * follow every attempt change under the store's lock, so they are exact.
 */
public final class JobRunRegistry
{
    private final Transactions transactions;
    private final JobRunDao dao;
    private final Map<JobRunId, JobRun> runs = new ConcurrentHashMap<>();
    private final Map<JobRunId, Integer> attemptCounts = new ConcurrentHashMap<>();
    private final CommittedView<AttemptKey, JobRunAttempt> attempts;
    private final Map<ApplicationId, NavigableMap<String, JobRun>> newestFirst = new ConcurrentHashMap<>();
    private final Map<String, JobRun> byArn = new ConcurrentHashMap<>();
    private final Map<JobRunId, JobRun> live = new ConcurrentHashMap<>();
    private final Set<JobRunId> queued = ConcurrentHashMap.newKeySet();

    public JobRunRegistry(Transactions transactions, JobRunDao dao)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.attempts = new CommittedView<>(transactions, dao::updateAttempt);
        transactions.read(handle -> {
            dao.allRuns(handle).forEach(this::index);
            dao.allAttempts(handle).forEach(this::show);
            return null;
        });
    }

    /** Runs {@code decision} under the store's write lock, so that several transitions can be decided together. */
    public <T> T locked(Supplier<T> decision)
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

    /** The runs whose latest attempt has not ended (not terminal), in no order. */
    public Collection<JobRun> liveRuns()
    {
        return Collections.unmodifiableCollection(live.values());
    }

    /** How many runs wait QUEUED now. */
    public int queuedCount()
    {
        return queued.size();
    }

    /** The application's runs keyed by {@link Page#newestFirstKey}: newest first, the id breaking ties. */
    public NavigableMap<String, JobRun> newestFirst(ApplicationId applicationId)
    {
        NavigableMap<String, JobRun> runsOfApplication = newestFirst.get(applicationId);
        return runsOfApplication == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(runsOfApplication);
    }

    public Optional<JobRun> runByArn(String arn)
    {
        return Optional.ofNullable(byArn.get(arn));
    }

    /** The run's attempts, first to latest. */
    public List<JobRunAttempt> attempts(JobRunId id)
    {
        int count = attemptCounts.getOrDefault(id, 0);
        List<JobRunAttempt> list = new ArrayList<>(count);
        for (int attempt = 1; attempt <= count; attempt++) {
            attempts.find(new AttemptKey(id, attempt)).ifPresent(list::add);
        }
        return List.copyOf(list);
    }

    public JobRunAttempt latest(JobRunId id)
    {
        int count = attemptCounts.getOrDefault(id, 0);
        return attempts.find(new AttemptKey(id, count)).orElseThrow(() -> new IllegalStateException("job run without attempts: " + id));
    }

    /** Applies a committed new run and its first attempt to the view. */
    void applyNewRun(JobRun run, JobRunAttempt first)
    {
        transactions.locked(() -> {
            index(run);
            show(first);
            return null;
        });
    }

    /** Commits a new attempt (a retry) and applies it. */
    public JobRunAttempt addAttempt(JobRunAttempt attempt)
    {
        return transactions.locked(() -> {
            transactions.write(handle -> {
                dao.insertAttempt(handle, attempt);
                return null;
            });
            show(attempt);
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
    public JobRunAttempt changeWith(JobRunId id, int attemptNumber, UnaryOperator<JobRunAttempt> decision, BiConsumer<Handle, JobRunAttempt> alsoInTransaction)
    {
        AttemptKey key = new AttemptKey(id, attemptNumber);
        if (attempts.find(key).isEmpty()) {
            throw EmrysException.notFound("Job run %s has no attempt %d".formatted(id, attemptNumber));
        }
        // under the lock with the change, so that the state indexes see transitions in the order they commit
        return transactions.locked(() -> {
            JobRunAttempt next = attempts.change(key, decision, alsoInTransaction);
            followLatestState(id);
            return next;
        });
    }

    private void index(JobRun run)
    {
        runs.put(run.id(), run);
        byArn.put(run.arn(), run);
        newestFirst.computeIfAbsent(run.applicationId(), application -> new ConcurrentSkipListMap<>())
                .put(Page.newestFirstKey(run.createdAt(), run.id().value()), run);
    }

    private void show(JobRunAttempt attempt)
    {
        attempts.show(new AttemptKey(attempt.jobRunId(), attempt.attempt()), attempt);
        attemptCounts.merge(attempt.jobRunId(), attempt.attempt(), Math::max);
        followLatestState(attempt.jobRunId());
    }

    private void followLatestState(JobRunId id)
    {
        JobRun run = runs.get(id);
        if (run == null) {
            return;
        }
        JobRunState state = latest(id).state();
        if (state.isTerminal()) {
            live.remove(id);
        }
        else {
            live.put(id, run);
        }
        if (state == JobRunState.QUEUED) {
            queued.add(id);
        }
        else {
            queued.remove(id);
        }
    }

    private record AttemptKey(JobRunId id, int attempt) {}
}
