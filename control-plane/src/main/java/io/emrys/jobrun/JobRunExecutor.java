package io.emrys.jobrun;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.application.ApplicationService;
import io.emrys.common.JobRunId;
import io.emrys.pool.WorkOwner;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverOutcome;
import io.emrys.workload.DriverSupervisor;
import io.emrys.workload.WorkEnd;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives job-run attempts through their lifecycle: SUBMITTED, PENDING, SCHEDULED, RUNNING, then SUCCESS or
 * FAILED (with the driver's exit code and last error line), or CANCELLING and CANCELLED. Retries a failed
 * attempt under the run's retry policy, ends runs that exceed their execution timeout, and after a restart
 * re-adopts drivers that are still alive.
 *
 * <p>Threading: launching happens on {@code threads}; the shared {@link DriverSupervisor} watches the live drivers
 * and hands their ends back on its own threads. Every transition goes through {@link JobRunRegistry#change}, which serializes them, and each decision
 * looks at the stored state, so a cancel racing a launch or an exit resolves to one consistent outcome.
 */
public final class JobRunExecutor
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(JobRunExecutor.class);
    private static final int MAX_DETAILS = 256;

    private final JobRunRegistry registry;
    private final ApplicationService applications;
    private final JobRunDrivers drivers;
    private final DriverSupervisor supervisor;
    private final LogPublisher logs;
    private final Path runsRoot;
    private final Clock clock;
    private final ExecutorService threads;
    private final JobRunQueue queue;
    private volatile boolean shuttingDown;

    public JobRunExecutor(JobRunRegistry registry, ApplicationService applications, JobRunDrivers drivers, DriverSupervisor supervisor, LogPublisher logs,
            Path runsRoot, Clock clock, ExecutorService threads)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.runsRoot = requireNonNull(runsRoot, "runsRoot is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.queue = new JobRunQueue(registry, applications, clock);
    }

    public void execute(JobRun run, int attempt)
    {
        threads.execute(() -> {
            try {
                if (queue.admit(run, attempt)) {
                    runAttempt(run, attempt);
                }
            }
            catch (RuntimeException e) {
                log.error("Job run {} attempt {} failed inside Emrys", run.id(), attempt, e);
                end(run, attempt, JobRunState.FAILED, "Emrys failed to run this job run: " + e.getClass().getSimpleName());
            }
        });
    }

    public void cancel(JobRun run, int attempt, String reason)
    {
        cancel(run, attempt, reason, Optional.empty());
    }

    /**
     * @param shutdownGrace how long a launched driver gets after SIGTERM before it is killed (zero: killed at once);
     *        empty for the supervisor's stop grace. A driver still launching when the cancel arrives, or re-adopted
     *        after a restart, is stopped with the supervisor's stop grace: the grace is not stored with the attempt.
     */
    public void cancel(JobRun run, int attempt, String reason, Optional<Duration> shutdownGrace)
    {
        JobRunAttempt cancelled = registry.change(run.id(), attempt, stored -> {
            if (stored.state().isTerminal() || stored.state() == JobRunState.CANCELLING) {
                return stored;
            }
            // a queued run has no launching thread and no driver: it ends at once
            JobRunState next = stored.state() == JobRunState.QUEUED ? JobRunState.CANCELLED : JobRunState.CANCELLING;
            return stored.to(next, details(reason), clock.instant());
        });
        if (cancelled.state() == JobRunState.CANCELLED) {
            return;
        }
        // A launched driver is stopped here and its exit ends the attempt CANCELLED. An attempt not launched yet
        // always has a launching thread (execute() was called for it), which sees CANCELLING and settles it.
        supervisor.stop(owner(run, attempt), shutdownGrace);
    }

    /** Cancels every running attempt that has outlived its executionTimeoutMinutes. Runs periodically; tests call it. */
    public List<JobRunId> enforceTimeouts()
    {
        Instant now = clock.instant();
        List<JobRunId> cancelled = new ArrayList<>();
        for (JobRunAttempt overdue : queue.overdue(now)) {
            JobRun run = registry.run(overdue.jobRunId()).orElseThrow();
            registry.change(run.id(), overdue.attempt(), stored -> stored.state() == JobRunState.QUEUED
                    ? stored.to(JobRunState.FAILED, "Job run waited longer than the queueTimeoutMinutes of %d minutes in the queue"
                            .formatted(queue.queueTimeoutMinutes(run.applicationId())), now)
                    : stored);
            cancelled.add(run.id());
        }
        for (JobRun run : List.copyOf(registry.liveRuns())) {
            JobRunAttempt latest = registry.latest(run.id());
            long minutes = run.spec().executionTimeoutMinutes();
            if (latest.state().isTerminal() || latest.state() == JobRunState.CANCELLING || latest.state() == JobRunState.QUEUED || minutes <= 0) {
                continue;
            }
            Instant since = latest.startedAt().orElse(latest.createdAt());
            if (!since.plus(Duration.ofMinutes(minutes)).isAfter(now)) {
                cancel(run, latest.attempt(), "Job run exceeded its executionTimeoutMinutes of %d minutes and was cancelled".formatted(minutes));
                cancelled.add(run.id());
            }
        }
        return cancelled;
    }

    /** After a restart: re-adopt live drivers, settle the ones that ended, and resume the ones never launched. */
    public void recover()
    {
        for (JobRun run : List.copyOf(registry.liveRuns())) {
            JobRunAttempt latest = registry.latest(run.id());
            if (latest.state().isTerminal()) {
                continue;
            }
            int attempt = latest.attempt();
            Path workDir = workDir(run, attempt);
            if (latest.driverRef().isPresent()) {
                Optional<DriverHandle> alive = drivers.adopt(applications.get(run.applicationId()), run, attempt, latest.driverRef().get(), workDir);
                supervisor.recover(owner(run, attempt), alive, () -> drivers.recordedExit(workDir), end(run, attempt));
                if (alive.isPresent() && latest.state() == JobRunState.CANCELLING) {
                    supervisor.stop(owner(run, attempt));
                }
            }
            else if (latest.state() == JobRunState.CANCELLING) {
                end(run, attempt, JobRunState.CANCELLED, latest.stateDetails());
            }
            else if (latest.state() == JobRunState.SCHEDULED) {
                end(run, attempt, JobRunState.FAILED, "The Emrys control plane stopped while launching this job run's driver");
            }
            else {
                execute(run, attempt);
            }
        }
    }

    private void runAttempt(JobRun run, int attempt)
    {
        JobRunAttempt pending = advance(run, attempt, JobRunState.PENDING);
        if (pending.state() != JobRunState.PENDING) {
            settleUnlaunched(run, attempt, pending);
            return;
        }
        Application application = applications.get(run.applicationId());
        JobRunAttempt scheduled = advance(run, attempt, JobRunState.SCHEDULED);
        if (scheduled.state() != JobRunState.SCHEDULED) {
            settleUnlaunched(run, attempt, scheduled);
            return;
        }
        Path workDir = workDir(run, attempt);
        DriverHandle driver;
        try {
            driver = drivers.launch(application, run, attempt, workDir);
        }
        catch (RuntimeException e) {
            log.warn("Could not start the driver of job run {} attempt {}", run.id(), attempt, e);
            publishLogs(run, attempt, workDir);
            JobRunAttempt ended = registry.change(run.id(), attempt, stored -> stored.state() == JobRunState.CANCELLING
                    ? stored.to(JobRunState.CANCELLED, stored.stateDetails(), clock.instant())
                    : stored.to(JobRunState.FAILED, details("The driver could not be started: " + e.getMessage()), clock.instant()));
            applications.recordActivity(run.applicationId());
            if (ended.state() == JobRunState.FAILED) {
                retryIfAllowed(run, attempt);
            }
            startQueued(run);
            return;
        }
        Instant now = clock.instant();
        JobRunAttempt running = registry.changeWith(run.id(), attempt, stored -> {
            JobRunAttempt launched = stored.withDriver(driver.ref(), workDir.toString(), driver.uiPort(), now);
            return stored.state() == JobRunState.CANCELLING ? launched : launched.to(JobRunState.RUNNING, details(driver.note().orElse("")), now);
        }, (handle, stored) -> supervisor.recordStarted(handle, owner(run, attempt), driver, now));
        supervisor.watch(owner(run, attempt), driver, end(run, attempt));
        // read again now that it is watched: a cancel after the change above found no live driver to stop
        if (running.state() == JobRunState.CANCELLING || registry.attempts(run.id()).get(attempt - 1).state() == JobRunState.CANCELLING) {
            supervisor.stopNow(driver);
        }
    }

    /** How an attempt's end is recorded once its driver has ended (or was lost while the control plane was down). */
    private WorkEnd end(JobRun run, int attempt)
    {
        return new WorkEnd()
        {
            @Override
            public void publishLogs()
            {
                JobRunExecutor.this.publishLogs(run, attempt, workDir(run, attempt));
            }

            @Override
            public void ended(DriverOutcome outcome)
            {
                finish(run, attempt, outcome);
            }

            @Override
            public void lost()
            {
                end(run, attempt, JobRunState.FAILED, "The Emrys control plane lost this job run's driver while it was down; its outcome is unknown");
            }
        };
    }

    /** The attempt's final state from how its driver ended; its logs are published already. */
    private void finish(JobRun run, int attempt, DriverOutcome outcome)
    {
        JobRunAttempt stored = registry.attempts(run.id()).get(attempt - 1);
        String reason;
        JobRunState state;
        if (stored.state() == JobRunState.CANCELLING) {
            state = JobRunState.CANCELLED;
            reason = stored.stateDetails();
        }
        else if (shuttingDown) {
            state = JobRunState.FAILED;
            reason = "Emrys was shut down while this job run was running";
        }
        else if (outcome.succeeded()) {
            state = JobRunState.SUCCESS;
            reason = "";
        }
        else {
            state = JobRunState.FAILED;
            reason = "Driver exited with code %d%s".formatted(outcome.exitCode(), outcome.lastErrorLine().map(line -> ": " + line).orElse(""));
        }
        Instant now = clock.instant();
        registry.changeWith(run.id(), attempt,
                current -> current.state().isTerminal() ? current : current.to(state, details(reason), now),
                (handle, changed) -> supervisor.recordStopped(handle, owner(run, attempt), now, state.name()));
        applications.recordActivity(run.applicationId());
        if (state == JobRunState.FAILED && !shuttingDown) {
            retryIfAllowed(run, attempt);
        }
        if (!shuttingDown) {
            startQueued(run);
        }
    }

    private void retryIfAllowed(JobRun run, int attempt)
    {
        if ("BATCH".equals(run.spec().mode()) && attempt < run.spec().maxAttempts()) {
            registry.addAttempt(JobRunAttempt.submitted(run.id(), attempt + 1, clock.instant()));
            execute(run, attempt + 1);
        }
    }

    private JobRunAttempt advance(JobRun run, int attempt, JobRunState next)
    {
        return registry.change(run.id(), attempt, stored ->
                stored.state().isTerminal() || stored.state() == JobRunState.CANCELLING ? stored : stored.to(next, "", clock.instant()));
    }

    private void settleUnlaunched(JobRun run, int attempt, JobRunAttempt stored)
    {
        if (stored.state() == JobRunState.CANCELLING) {
            end(run, attempt, JobRunState.CANCELLED, stored.stateDetails());
        }
    }

    private void end(JobRun run, int attempt, JobRunState state, String reason)
    {
        registry.change(run.id(), attempt, stored -> stored.state().isTerminal() ? stored : stored.to(state, details(reason), clock.instant()));
        applications.recordActivity(run.applicationId());
        startQueued(run);
    }

    /** A slot may have freed: start the application's oldest queued runs that now fit. */
    private void startQueued(JobRun ended)
    {
        for (JobRunAttempt admitted : queue.release(ended.applicationId())) {
            JobRun run = registry.run(admitted.jobRunId()).orElseThrow();
            threads.execute(() -> {
                try {
                    runAttempt(run, admitted.attempt());
                }
                catch (RuntimeException e) {
                    log.error("Job run {} attempt {} failed inside Emrys", run.id(), admitted.attempt(), e);
                    end(run, admitted.attempt(), JobRunState.FAILED, "Emrys failed to run this job run: " + e.getClass().getSimpleName());
                }
            });
        }
    }

    private void publishLogs(JobRun run, int attempt, Path workDir)
    {
        try {
            logs.publish(run, attempt, workDir, logUri(run));
        }
        catch (RuntimeException e) {
            log.warn("Could not publish the logs of job run {} attempt {}", run.id(), attempt, e);
        }
    }

    private Optional<String> logUri(JobRun run)
    {
        String fromRun = run.spec().monitoringConfiguration().path("s3MonitoringConfiguration").path("logUri").asText("");
        if (!fromRun.isEmpty()) {
            return Optional.of(fromRun);
        }
        return applications.find(run.applicationId()).flatMap(application -> application.configuration().logUri());
    }

    public Path workDir(JobRun run, int attempt)
    {
        return runsRoot.resolve(run.applicationId().value()).resolve("jobs").resolve(run.id().value()).resolve("attempt-" + attempt);
    }

    private static WorkOwner owner(JobRun run, int attempt)
    {
        return WorkOwner.jobRun(run.applicationId(), run.id(), attempt);
    }

    private static String details(String reason)
    {
        return reason.length() <= MAX_DETAILS ? reason : reason.substring(0, MAX_DETAILS - 3) + "...";
    }

    /** Stops every live driver and records why; the runs end FAILED because Emrys, not the job, stopped them. */
    @Override
    public void close()
    {
        shuttingDown = true;
        supervisor.close();
        threads.shutdown();
    }
}
