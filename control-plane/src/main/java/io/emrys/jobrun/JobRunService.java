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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        long queued = registry.runs().stream().filter(run -> registry.latest(run.id()).state() == JobRunState.QUEUED).count();
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
        // each run's key from the one state read for it, so a run that changes state meanwhile is filtered and placed alike
        Map<JobRun, String> sortKeys = new HashMap<>();
        for (JobRun run : registry.runs()) {
            if (run.applicationId().equals(applicationId)) {
                JobRunAttempt latest = registry.latest(run.id());
                if (filter.matches(run, latest)) {
                    sortKeys.put(run, filter.sortKey(run, latest.state()));
                }
            }
        }
        List<JobRun> matching = sortKeys.keySet().stream().sorted(Comparator.comparing(sortKeys::get)).toList();
        return Page.of(matching, sortKeys::get, nextToken, maxResults);
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
        return registry.runs().stream()
                .filter(run -> run.applicationId().equals(applicationId))
                .anyMatch(run -> !registry.latest(run.id()).state().isTerminal());
    }

    public boolean exists(String arn)
    {
        return registry.runs().stream().anyMatch(run -> run.arn().equals(arn));
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
         * by the state"). The key is the page token's position, so paging stays in place while runs are added.
         */
        String sortKey(JobRun run, JobRunState state)
        {
            String newestFirst = Page.newestFirstKey(run.createdAt(), run.id().value());
            return states.size() > 1 ? "%d:%s".formatted(states.indexOf(state), newestFirst) : newestFirst;
        }
    }
}
