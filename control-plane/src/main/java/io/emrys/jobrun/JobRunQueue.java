package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrys.application.ApplicationService;
import io.emrys.common.ApplicationId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An application's {@code schedulerConfiguration}: at most {@code maxConcurrentRuns} (default 15) job runs past the
 * queue at once; the others wait QUEUED, start in submission order as slots free, and fail once they have waited
 * {@code queueTimeoutMinutes} (default 360). Applications without a scheduler configuration never queue, as on AWS.
 *
 * <p>Each decision counts and transitions under the store's write lock, so two runs ending at once cannot admit
 * the same queued run twice, and admission can never exceed the limit.
 */
final class JobRunQueue
{
    static final int DEFAULT_MAX_CONCURRENT_RUNS = SchedulerDefaults.MAX_CONCURRENT_RUNS;
    static final long DEFAULT_QUEUE_TIMEOUT_MINUTES = SchedulerDefaults.QUEUE_TIMEOUT_MINUTES;
    private static final Set<JobRunState> ACTIVE = EnumSet.of(JobRunState.PENDING, JobRunState.SCHEDULED, JobRunState.RUNNING, JobRunState.CANCELLING);

    private final JobRunRegistry registry;
    private final ApplicationService applications;
    private final Clock clock;

    JobRunQueue(JobRunRegistry registry, ApplicationService applications, Clock clock)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Admits the attempt (PENDING, returns true) or queues it (QUEUED, returns false). */
    boolean admit(JobRun run, int attempt)
    {
        Optional<Integer> limit = maxConcurrentRuns(run.applicationId());
        return registry.locked(() -> {
            boolean admitted = limit.isEmpty() || activeCount(run.applicationId()) < limit.get();
            JobRunAttempt changed = registry.change(run.id(), attempt, stored -> {
                if (stored.state() != JobRunState.SUBMITTED && stored.state() != JobRunState.QUEUED) {
                    return stored;
                }
                if (admitted) {
                    return stored.to(JobRunState.PENDING, "", clock.instant());
                }
                return stored.state() == JobRunState.QUEUED ? stored : stored.to(JobRunState.QUEUED,
                        "Job run is queued: the application already runs its maxConcurrentRuns of %d job runs".formatted(limit.get()), clock.instant());
            });
            return changed.state() == JobRunState.PENDING;
        });
    }

    /** Moves the oldest queued attempts of an application to PENDING while slots are free, and returns them. */
    List<JobRunAttempt> release(ApplicationId applicationId)
    {
        Optional<Integer> limit = maxConcurrentRuns(applicationId);
        return registry.locked(() -> {
            List<JobRunAttempt> admitted = new ArrayList<>();
            List<JobRunAttempt> queued = registry.liveRuns().stream()
                    .filter(run -> run.applicationId().equals(applicationId))
                    .map(run -> registry.latest(run.id()))
                    .filter(attempt -> attempt.state() == JobRunState.QUEUED)
                    .sorted(Comparator.comparing(JobRunAttempt::createdAt).thenComparing(attempt -> attempt.jobRunId().value()))
                    .toList();
            for (JobRunAttempt waiting : queued) {
                if (limit.isPresent() && activeCount(applicationId) >= limit.get()) {
                    break;
                }
                admitted.add(registry.change(waiting.jobRunId(), waiting.attempt(), stored -> stored.state() == JobRunState.QUEUED
                        ? stored.to(JobRunState.PENDING, "", clock.instant()) : stored));
            }
            return admitted;
        });
    }

    /** Queued attempts that have waited longer than their application's queueTimeoutMinutes at {@code now}. */
    List<JobRunAttempt> overdue(Instant now)
    {
        List<JobRunAttempt> overdue = new ArrayList<>();
        for (JobRun run : List.copyOf(registry.liveRuns())) {
            JobRunAttempt latest = registry.latest(run.id());
            if (latest.state() == JobRunState.QUEUED
                    && !latest.createdAt().plus(Duration.ofMinutes(queueTimeoutMinutes(run.applicationId()))).isAfter(now)) {
                overdue.add(latest);
            }
        }
        return overdue;
    }

    long queueTimeoutMinutes(ApplicationId applicationId)
    {
        return scheduler(applicationId).map(scheduler -> scheduler.path("queueTimeoutMinutes").asLong(DEFAULT_QUEUE_TIMEOUT_MINUTES))
                .orElse(DEFAULT_QUEUE_TIMEOUT_MINUTES);
    }

    private Optional<Integer> maxConcurrentRuns(ApplicationId applicationId)
    {
        return scheduler(applicationId).map(scheduler -> scheduler.path("maxConcurrentRuns").asInt(DEFAULT_MAX_CONCURRENT_RUNS));
    }

    private Optional<JsonNode> scheduler(ApplicationId applicationId)
    {
        return applications.find(applicationId)
                .map(application -> application.configuration().document().get("schedulerConfiguration"))
                .filter(node -> node != null && node.isObject());
    }

    private long activeCount(ApplicationId applicationId)
    {
        return registry.liveRuns().stream()
                .filter(run -> run.applicationId().equals(applicationId))
                .filter(run -> ACTIVE.contains(registry.latest(run.id()).state()))
                .count();
    }
}
