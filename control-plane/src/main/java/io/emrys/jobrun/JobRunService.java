package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.application.Application;
import io.emrys.application.ApplicationService;
import io.emrys.common.Account;
import io.emrys.common.ApplicationId;
import io.emrys.common.Fingerprint;
import io.emrys.common.JobRunId;
import io.emrys.common.Page;
import io.emrys.common.ResourceIds;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.store.CreateOnce;
import io.emrys.store.ServiceContext;
import io.emrys.store.Transactions;
import io.emrys.tagging.TagService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * The job-run operations of the API: submit (idempotent by client token, auto-starting the application), read,
 * list, list attempts and cancel. Running the attempts is {@link JobRunExecutor}'s job.
 */
public final class JobRunService
{
    private final Account account;
    private final Transactions transactions;
    private final JobRunDao dao;
    private final JobRunRegistry registry;
    private final JobRunExecutor executor;
    private final ApplicationService applications;
    private final JobRunDrivers drivers;
    private final TagService tags;
    private final CreateOnce createOnce;
    private final ResourceIds ids;
    private final Clock clock;
    private final int queuedRunQuota;

    public JobRunService(ServiceContext context, JobRunDao dao, JobRunRegistry registry, JobRunExecutor executor, ApplicationService applications,
            JobRunDrivers drivers, TagService tags)
    {
        this.account = context.account();
        this.transactions = context.transactions();
        this.dao = requireNonNull(dao, "dao is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.createOnce = new CreateOnce(context.transactions(), context.tokens());
        this.ids = context.ids();
        this.clock = context.clock();
        this.queuedRunQuota = context.quotas().queuedJobRuns();
    }

    public JobRun start(ApplicationId applicationId, ObjectNode input, String clientToken, Map<String, String> runTags, String createdBy)
    {
        Application application = applications.get(applicationId);
        JobRunSpec spec = JobRunSpec.fromInput(input);
        if (!spec.hasSparkSubmit()) {
            throw EmrysException.validation("Application " + applicationId + " has type SPARK: jobDriver must specify sparkSubmit");
        }
        drivers.validate(application, spec);
        requireAcceptsJobs(application);

        CreateOnce.Request request = new CreateOnce.Request("StartJobRun", "StartJobRun:" + applicationId, clientToken, Fingerprint.of(spec.document(), runTags));
        JobRun created = createOnce.create(request, id -> registry.run(new JobRunId(id)), () -> applications.startForWork(applicationId), started -> {
            requireQueueRoom();
            Instant now = clock.instant();
            JobRunId id = new JobRunId(ids.next());
            JobRun run = new JobRun(id, applicationId, account.jobRunArn(applicationId.value(), id.value()), createdBy,
                    started.configuration().releaseLabel(), spec, now);
            JobRunAttempt first = JobRunAttempt.submitted(id, 1, now);
            transactions.write(handle -> {
                dao.insert(handle, run);
                dao.insertAttempt(handle, first);
                createOnce.claim(handle, request, id.value(), now);
                tags.putInTransaction(handle, run.arn(), runTags);
                return null;
            });
            registry.applyNewRun(run, first);
            tags.applyCommitted(run.arn(), runTags);
            return run;
        });
        if (registry.latest(created.id()).state() == JobRunState.SUBMITTED && registry.attempts(created.id()).size() == 1) {
            applications.recordActivity(applicationId);
            executor.execute(created, 1);
        }
        return created;
    }

    /**
     * The account's quota of queued job runs: once that many wait QUEUED, no new run is accepted. Stricter than
     * needed for a run whose application has a free slot, but a full queue means the account is far behind anyway.
     */
    private void requireQueueRoom()
    {
        long queued = registry.queuedCount();
        if (queued >= queuedRunQuota) {
            throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, "The account already has %d queued job runs, the most its quota allows".formatted(queued));
        }
    }

    public JobRun get(ApplicationId applicationId, JobRunId id)
    {
        applications.get(applicationId);
        return registry.run(id)
                .filter(run -> run.applicationId().equals(applicationId))
                .orElseThrow(() -> EmrysException.notFound("Job run " + id + " does not exist in application " + applicationId));
    }

    /** The attempt GetJobRun shows: the requested one, or the latest. */
    public JobRunAttempt attempt(JobRun run, Optional<Integer> attempt)
    {
        if (attempt.isEmpty()) {
            return registry.latest(run.id());
        }
        return registry.attempts(run.id()).stream()
                .filter(candidate -> candidate.attempt() == attempt.get())
                .findFirst()
                .orElseThrow(() -> EmrysException.notFound("Job run %s has no attempt %d".formatted(run.id(), attempt.get())));
    }

    public List<JobRunAttempt> attempts(JobRun run)
    {
        return registry.attempts(run.id());
    }

    public Page<JobRunAttempt> listAttempts(ApplicationId applicationId, JobRunId id, Optional<String> nextToken, Optional<Integer> maxResults)
    {
        JobRun run = get(applicationId, id);
        return Page.of(registry.attempts(run.id()), attempt -> "%010d".formatted(attempt.attempt()), nextToken, maxResults);
    }

    public Page<JobRun> list(ApplicationId applicationId, JobRunFilter filter, Optional<String> nextToken, Optional<Integer> maxResults)
    {
        applications.get(applicationId);
        int size = maxResults.orElse(Page.DEFAULT_PAGE_SIZE);
        Optional<String> after = Page.positionOf(nextToken);
        NavigableMap<String, JobRun> runs = filter.createdRange(registry.newestFirst(applicationId));
        // Walks the application's runs newest first from the page's position and stops once the page is full, so a
        // page costs the same however long the history is (with a state filter, as many runs as it skips). Each
        // run's key comes from the one state read for it, so a run that changes state meanwhile is filtered and placed alike.
        List<JobRun> items = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        boolean grouped = filter.states().size() > 1;
        int firstGroup = grouped ? after.map(JobRunService::groupOf).orElse(0) : 0;
        for (int group = firstGroup; group < Math.max(1, filter.states().size()) && items.size() <= size; group++) {
            String groupPrefix = grouped ? group + ":" : "";
            NavigableMap<String, JobRun> remaining = group == firstGroup && after.isPresent()
                    ? runs.tailMap(after.get().substring(groupPrefix.length()), false)
                    : runs;
            for (Map.Entry<String, JobRun> entry : remaining.entrySet()) {
                JobRun run = entry.getValue();
                JobRunAttempt latest = registry.latest(run.id());
                if (filter.matches(run, latest) && (!grouped || filter.states().get(group) == latest.state())) {
                    items.add(run);
                    keys.add(groupPrefix + entry.getKey());
                    if (items.size() > size) {
                        break;
                    }
                }
            }
        }
        return Page.cut(items, keys, size);
    }

    /** The state group a grouped listing's page position is in: the number before its first ':'. */
    private static int groupOf(String position)
    {
        int colon = position.indexOf(':');
        try {
            return Integer.parseInt(position.substring(0, Math.max(colon, 0)));
        }
        catch (NumberFormatException e) {
            throw EmrysException.validation("Invalid nextToken");
        }
    }

    public JobRun cancel(ApplicationId applicationId, JobRunId id)
    {
        return cancel(applicationId, id, Optional.empty());
    }

    /**
     * CancelJobRun with its {@code shutdownGracePeriodInSeconds}: the time the driver gets after SIGTERM to run its
     * shutdown hooks before it is killed (zero: killed at once); empty for the server's stop grace.
     */
    public JobRun cancel(ApplicationId applicationId, JobRunId id, Optional<Duration> shutdownGrace)
    {
        requireNonNull(shutdownGrace, "shutdownGrace is null");
        if (shutdownGrace.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("shutdownGrace must not be negative: " + shutdownGrace.get());
        }
        JobRun run = get(applicationId, id);
        JobRunAttempt latest = registry.latest(id);
        if (latest.state().isTerminal()) {
            throw EmrysException.validation("Job run %s is already in terminal state %s".formatted(id, latest.state()));
        }
        executor.cancel(run, latest.attempt(), "Job run was cancelled by the user", shutdownGrace);
        return run;
    }

    /** Whether the application has a job run that has not ended; feeds auto-stop and StopApplication. */
    public boolean hasLiveWork(ApplicationId applicationId)
    {
        return registry.liveRuns().stream()
                .filter(run -> run.applicationId().equals(applicationId))
                .anyMatch(run -> !registry.latest(run.id()).state().isTerminal());
    }

    public boolean exists(String arn)
    {
        return registry.runByArn(arn).isPresent();
    }

    private static void requireAcceptsJobs(Application application)
    {
        application.whyItRefusesWork("submitting job runs", "accept job runs").ifPresent(reason -> {
            throw EmrysException.validation(reason);
        });
    }

    /** The filters of ListJobRuns; {@code states} in the order the request names them (the model makes them unique). */
    public record JobRunFilter(List<JobRunState> states, Optional<Instant> createdAtAfter, Optional<Instant> createdAtBefore, Optional<String> mode)
    {
        public JobRunFilter
        {
            states = List.copyOf(states);
            requireNonNull(createdAtAfter, "createdAtAfter is null");
            requireNonNull(createdAtBefore, "createdAtBefore is null");
            requireNonNull(mode, "mode is null");
        }

        boolean matches(JobRun run, JobRunAttempt latest)
        {
            return (states.isEmpty() || states.contains(latest.state()))
                    && createdAtAfter.map(after -> !run.createdAt().isBefore(after)).orElse(true)
                    && createdAtBefore.map(before -> !run.createdAt().isAfter(before)).orElse(true)
                    && mode.map(wanted -> wanted.equals(run.spec().mode())).orElse(true);
        }

        /**
         * Newest first, as AWS lists job runs; with several states, grouped by state in the order the filter names
         * them, as the model documents ("if this filter contains multiple states, the resulting list will be grouped
         * by the state"): the page token's position is {@code <group>:<newest-first key>} then. Narrows the
         * application's runs (keyed by {@link Page#newestFirstKey}) to the filter's creation times, so a window of
         * time costs what is in it; {@link #matches} still decides at the edges, where the key has only milliseconds.
         */
        NavigableMap<String, JobRun> createdRange(NavigableMap<String, JobRun> newestFirst)
        {
            NavigableMap<String, JobRun> range = newestFirst;
            if (createdAtBefore.isPresent()) {
                range = range.tailMap(Page.newestFirstKey(createdAtBefore.get(), ""), true);
            }
            if (createdAtAfter.isPresent()) {
                // ';' sorts right after the ':' that ends the time part, so every id of that millisecond is inside
                range = range.headMap(Page.newestFirstKey(createdAtAfter.get(), "").replaceFirst(":$", ";"), false);
            }
            return range;
        }
    }
}
