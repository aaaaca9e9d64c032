package io.emrys.jobrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.application.Application;
import io.emrys.application.ApplicationDao;
import io.emrys.application.ApplicationService;
import io.emrys.application.ApplicationState;
import io.emrys.common.Account;
import io.emrys.common.AccountQuotas;
import io.emrys.common.JobRunId;
import io.emrys.common.ResourceIds;
import io.emrys.compute.cluster.LocalProcessCluster;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRecord;
import io.emrys.store.Database;
import io.emrys.store.IdempotencyTokens;
import io.emrys.store.ServiceContext;
import io.emrys.store.Transactions;
import io.emrys.workload.DriverSupervisor;
import io.emrys.tagging.TagDao;
import io.emrys.tagging.TagService;
import io.emrys.testing.TestingClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JobRunServiceTest
{
    private static final String ROLE = "arn:aws:iam::123456789012:role/job-role";
    // a driver that outlives SIGTERM: it notes each one in its work dir and keeps running; "trapped" says it listens
    private static final String IGNORES_SIGTERM = "trap 'echo TERM >> signals' TERM; touch trapped; while true; do sleep 0.1; done";

    private final ObjectMapper json = new ObjectMapper();
    private final TestingClock clock = new TestingClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final List<String> publishedLogs = new CopyOnWriteArrayList<>();
    @TempDir
    Path dataDir;
    // as many as the queueing tests here hold at once
    private static final int QUEUED_RUN_QUOTA = 2;

    private Stack stack;

    /** One control plane's worth of services over the data dir. */
    private final class Stack
    {
        final Transactions transactions = new Transactions(Database.openSqlite(dataDir.resolve("emrys.db")));
        final ApplicationService applications;
        final JobRunRegistry registry;
        final JobRunExecutor executor;
        final JobRunService jobRuns;

        Stack(JobRunDrivers drivers)
        {
            this(drivers, Duration.ofSeconds(2));
        }

        Stack(JobRunDrivers drivers, Duration stopGrace)
        {
            ServiceContext context = new ServiceContext(new Account("123456789012", "us-east-1"), transactions, json, new IdempotencyTokens(),
                    new ResourceIds(new Random()), clock, AccountQuotas.DEFAULTS.withQueuedJobRuns(QUEUED_RUN_QUOTA));
            applications = new ApplicationService(context.account(), transactions, new ApplicationDao(json), context.tokens(), context.ids(), clock,
                    configuration -> { }, context.quotas());
            // the module the server assembles, over the shell fake at the process edge
            JobRunModule module = JobRunModule.create(context, applications, new TagService(transactions, new TagDao()), drivers, new WorkerDao(),
                    (run, attempt, workDir, logUri) -> publishedLogs.add(run.id() + "/" + attempt + logUri.map(uri -> " -> " + uri).orElse("")),
                    dataDir.resolve("runs"), stopGrace);
            registry = module.registry();
            executor = module.executor();
            jobRuns = module.service();
            applications.setActivity(jobRuns::hasLiveWork);
        }
    }

    @BeforeEach
    void setUp()
    {
        stack = new Stack(new ShellJobRunDrivers(false));
    }

    @AfterEach
    void tearDown()
    {
        stack.executor.close();
    }

    @Test
    void successfulRunAutoStartsTheApplicationAndEndsSuccess()
    {
        Application application = createApplication();
        JobRun run = submit(application, "echo hello", "t1");

        JobRunAttempt ended = awaitTerminal(run);
        assertThat(ended.state()).isEqualTo(JobRunState.SUCCESS);
        assertThat(ended.startedAt()).isPresent();
        assertThat(ended.endedAt()).isPresent();
        assertThat(stack.applications.get(application.id()).state()).isEqualTo(ApplicationState.STARTED);
        assertThat(publishedLogs).containsExactly(run.id() + "/1");
        List<WorkerRecord> workers = stack.transactions.read(handle -> new WorkerDao().forRun(handle, run.id().value()));
        assertThat(workers).singleElement().satisfies(worker -> {
            assertThat(worker.stoppedAt()).isPresent();
            assertThat(worker.stopReason()).contains("SUCCESS");
        });
    }

    @Test
    void failedRunSaysWhyWithExitCodeAndLastErrorLine()
    {
        JobRun run = submit(createApplication(), "echo 'java.lang.IllegalStateException: boom' >&2; exit 3", "t1");

        JobRunAttempt ended = awaitTerminal(run);
        assertThat(ended.state()).isEqualTo(JobRunState.FAILED);
        assertThat(ended.stateDetails()).isEqualTo("Driver exited with code 3: java.lang.IllegalStateException: boom");
    }

    @Test
    void driverThatCannotBeLaunchedFailsTheRun()
    {
        JobRun run = submit(createApplication(), "unlaunchable", "t1");

        JobRunAttempt ended = awaitTerminal(run);
        assertThat(ended.state()).isEqualTo(JobRunState.FAILED);
        assertThat(ended.stateDetails()).startsWith("The driver could not be started: cannot launch unlaunchable");
    }

    @Test
    void cancelStopsARunningDriver()
    {
        Application application = createApplication();
        JobRun run = submit(application, "sleep 30", "t1");
        await().until(() -> stack.registry.latest(run.id()).state() == JobRunState.RUNNING);

        stack.jobRuns.cancel(application.id(), run.id());

        JobRunAttempt ended = awaitTerminal(run);
        assertThat(ended.state()).isEqualTo(JobRunState.CANCELLED);
        assertThat(ended.stateDetails()).isEqualTo("Job run was cancelled by the user");
        assertThatThrownBy(() -> stack.jobRuns.cancel(application.id(), run.id()))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
    }

    @Test
    void cancelWithAShutdownGraceKillsADriverThatIgnoresSigtermOnceTheGraceHasPassed()
    {
        // the server's own stop grace outlasts the test: only the requested grace can end the run in time
        stack.executor.close();
        stack = new Stack(new ShellJobRunDrivers(false), Duration.ofMinutes(5));
        Application application = createApplication();
        JobRun run = submit(application, IGNORES_SIGTERM, "t1");
        Path workDir = awaitListening(run);

        stack.jobRuns.cancel(application.id(), run.id(), Optional.of(Duration.ofSeconds(1)));

        JobRunAttempt ended = awaitTerminal(run);
        assertThat(ended.state()).isEqualTo(JobRunState.CANCELLED);
        assertThat(workDir.resolve("signals")).content().contains("TERM");
    }

    @Test
    void cancelWithAZeroShutdownGraceKillsTheDriverWithoutSigterm()
    {
        Application application = createApplication();
        JobRun run = submit(application, IGNORES_SIGTERM, "t1");
        Path workDir = awaitListening(run);

        stack.jobRuns.cancel(application.id(), run.id(), Optional.of(Duration.ZERO));

        assertThat(awaitTerminal(run).state()).isEqualTo(JobRunState.CANCELLED);
        assertThat(workDir.resolve("signals")).doesNotExist();
    }

    @Test
    void executionTimeoutCancelsTheRunOnTheClock()
    {
        ObjectNode input = jobInput("sleep 30");
        input.put("executionTimeoutMinutes", 5);
        Application application = createApplication();
        JobRun run = stack.jobRuns.start(application.id(), input, "t1", Map.of(), ROLE);
        await().until(() -> stack.registry.latest(run.id()).state() == JobRunState.RUNNING);

        clock.advance(Duration.ofMinutes(4));
        assertThat(stack.executor.enforceTimeouts()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(stack.executor.enforceTimeouts()).containsExactly(run.id());

        JobRunAttempt ended = awaitTerminal(run);
        assertThat(ended.state()).isEqualTo(JobRunState.CANCELLED);
        assertThat(ended.stateDetails()).contains("executionTimeoutMinutes of 5 minutes");
    }

    @Test
    void retryPolicyRunsNewAttemptsUntilOneSucceeds()
    {
        ObjectNode input = jobInput("test $ATTEMPT -ge 3");
        input.putObject("retryPolicy").put("maxAttempts", 3);
        Application application = createApplication();
        JobRun run = stack.jobRuns.start(application.id(), input, "t1", Map.of(), ROLE);

        await().until(() -> stack.registry.attempts(run.id()).size() == 3 && stack.registry.latest(run.id()).state().isTerminal());
        assertThat(stack.registry.attempts(run.id())).extracting(JobRunAttempt::state)
                .containsExactly(JobRunState.FAILED, JobRunState.FAILED, JobRunState.SUCCESS);
        assertThat(stack.jobRuns.listAttempts(application.id(), run.id(), Optional.empty(), Optional.of(2)).nextToken()).isPresent();
    }

    @Test
    void retriesStopAtMaxAttempts()
    {
        ObjectNode input = jobInput("exit 1");
        input.putObject("retryPolicy").put("maxAttempts", 2);
        JobRun run = stack.jobRuns.start(createApplication().id(), input, "t1", Map.of(), ROLE);

        await().until(() -> stack.registry.attempts(run.id()).size() == 2 && stack.registry.latest(run.id()).state().isTerminal());
        assertThat(stack.registry.latest(run.id()).state()).isEqualTo(JobRunState.FAILED);
    }

    @Test
    void clientTokenMakesStartJobRunIdempotent()
    {
        Application application = createApplication();
        JobRun first = submit(application, "echo one", "same");
        JobRun again = submit(application, "echo one", "same");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(stack.registry.runs()).hasSize(1);
        assertThatThrownBy(() -> submit(application, "echo two", "same"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void refusedSubmissionStoresNothing()
    {
        Application application = createApplication();

        assertThatThrownBy(() -> submit(application, "invalid entry point", "t1")).isInstanceOf(EmrysException.class);
        assertThat(stack.registry.runs()).isEmpty();
        assertThat(stack.applications.get(application.id()).state()).isEqualTo(ApplicationState.CREATED);
    }

    @Test
    void applicationWithAutoStartOffRefusesJobsUntilStarted()
    {
        ObjectNode input = json.createObjectNode().put("releaseLabel", "emr-spark-8.0").put("type", "SPARK");
        input.putObject("autoStartConfiguration").put("enabled", false);
        Application application = stack.applications.create(input, "app");

        assertThatThrownBy(() -> submit(application, "echo", "t1")).hasMessageContaining("auto-start is disabled");
        stack.applications.start(application.id());
        assertThat(awaitTerminal(submit(application, "echo", "t2")).state()).isEqualTo(JobRunState.SUCCESS);
    }

    @Test
    void restartedControlPlaneReadoptsALiveDriverAndRecordsItsExit()
    {
        stack.executor.close();
        stack = new Stack(new ShellJobRunDrivers(true));
        JobRun run = submit(createApplication(), "sleep 1; echo 0 > exit-code", "t1");
        await().until(() -> stack.registry.latest(run.id()).state() == JobRunState.RUNNING);

        // a new control plane over the same store; the old one never hears of the exit
        stack = new Stack(new ShellJobRunDrivers(false));
        stack.executor.recover();

        assertThat(awaitTerminal(run).state()).isEqualTo(JobRunState.SUCCESS);
    }

    @Test
    void restartedControlPlaneFailsARunWhoseDriverVanishedWithoutATrace()
    {
        stack.executor.close();
        stack = new Stack(new ShellJobRunDrivers(true));
        JobRun run = submit(createApplication(), "sleep 0.2", "t1");
        await().until(() -> stack.registry.latest(run.id()).state() == JobRunState.RUNNING);
        long pid = LocalProcessCluster.processId(stack.registry.latest(run.id()).driverRef().orElseThrow()).orElseThrow();
        await().until(() -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true));

        stack = new Stack(new ShellJobRunDrivers(false));
        stack.executor.recover();

        JobRunAttempt ended = awaitTerminal(run);
        assertThat(ended.state()).isEqualTo(JobRunState.FAILED);
        assertThat(ended.stateDetails()).contains("control plane lost");
    }

    @Test
    void listsNewestFirstWithStateFilterAndPagination()
    {
        Application application = createApplication();
        List<JobRun> runs = submitOneSecondApart(application, "echo 1", "exit 1");
        JobRun first = runs.get(0);
        JobRun second = runs.get(1);

        var all = stack.jobRuns.list(application.id(), filter(List.of()), Optional.empty(), Optional.of(1));
        assertThat(all.items()).extracting(JobRun::id).containsExactly(second.id());
        var next = stack.jobRuns.list(application.id(), filter(List.of()), all.nextToken(), Optional.of(1));
        assertThat(next.items()).extracting(JobRun::id).containsExactly(first.id());
        assertThat(stack.jobRuns.list(application.id(), filter(List.of(JobRunState.FAILED)), Optional.empty(), Optional.empty()).items())
                .extracting(JobRun::id).containsExactly(second.id());
    }

    @Test
    void listsRunsOfSeveralStatesGroupedByStateInTheFiltersOrderAndPagesThroughTheGroups()
    {
        Application application = createApplication();
        List<JobRun> runs = submitOneSecondApart(application, "echo 1", "exit 1", "echo 3");
        JobRun oldestSuccess = runs.get(0);
        JobRun failure = runs.get(1);
        JobRun newestSuccess = runs.get(2);

        assertThat(stack.jobRuns.list(application.id(), filter(List.of(JobRunState.FAILED, JobRunState.SUCCESS)), Optional.empty(), Optional.empty()).items())
                .extracting(JobRun::id).containsExactly(failure.id(), newestSuccess.id(), oldestSuccess.id());
        assertThat(stack.jobRuns.list(application.id(), filter(List.of(JobRunState.SUCCESS, JobRunState.FAILED)), Optional.empty(), Optional.empty()).items())
                .extracting(JobRun::id).containsExactly(newestSuccess.id(), oldestSuccess.id(), failure.id());

        List<JobRunId> paged = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            var page = stack.jobRuns.list(application.id(), filter(List.of(JobRunState.FAILED, JobRunState.SUCCESS)), token, Optional.of(1));
            page.items().forEach(run -> paged.add(run.id()));
            token = page.nextToken();
        }
        while (token.isPresent());
        assertThat(paged).containsExactly(failure.id(), newestSuccess.id(), oldestSuccess.id());
    }

    @Test
    void listsOnlyRunsCreatedInsideTheWindowBoundsIncludedAndPagesThroughThem()
    {
        Application application = createApplication();
        List<JobRun> runs = submitOneSecondApart(application, "echo 0", "echo 1", "echo 2", "echo 3");
        JobRunService.JobRunFilter window = new JobRunService.JobRunFilter(List.of(),
                Optional.of(runs.get(1).createdAt()), Optional.of(runs.get(2).createdAt()), Optional.empty());

        var firstPage = stack.jobRuns.list(application.id(), window, Optional.empty(), Optional.of(1));
        var secondPage = stack.jobRuns.list(application.id(), window, firstPage.nextToken(), Optional.of(1));

        assertThat(firstPage.items()).extracting(JobRun::id).containsExactly(runs.get(2).id());
        assertThat(secondPage.items()).extracting(JobRun::id).containsExactly(runs.get(1).id());
        assertThat(secondPage.nextToken()).isEmpty();
    }

    @Test
    void aRestartedControlPlaneKnowsWhichRunsAreLiveQueuedAndWhatEachArnIs()
    {
        Application application = schedulerApplication(1, 360);
        JobRun running = submit(application, "sleep 30", "live-1");
        clock.advance(Duration.ofSeconds(1));
        JobRun queued = submit(application, "echo queued", "live-2");
        await().until(() -> stack.registry.latest(queued.id()).state() == JobRunState.QUEUED);
        JobRun ended = submitOneSecondApart(createApplication(), "echo done").get(0);

        Stack restarted = new Stack(new ShellJobRunDrivers(true));
        try {
            JobRunRegistry reloaded = restarted.registry;
            assertThat(reloaded.liveRuns()).extracting(JobRun::id).containsExactlyInAnyOrder(running.id(), queued.id());
            assertThat(reloaded.queuedCount()).isEqualTo(1);
            assertThat(reloaded.runByArn(ended.arn())).map(JobRun::id).contains(ended.id());
            assertThat(reloaded.newestFirst(application.id()).values()).extracting(JobRun::id).containsExactly(queued.id(), running.id());
        }
        finally {
            restarted.executor.close();
        }
        stack.jobRuns.cancel(application.id(), running.id(), Optional.of(Duration.ZERO));
        awaitTerminal(running);
    }

    @Test
    void runsBeyondMaxConcurrentRunsQueueAndStartInOrder()
    {
        Application application = schedulerApplication(1, 360);
        JobRun first = submit(application, "sleep 1", "q1");
        clock.advance(Duration.ofSeconds(1));
        JobRun second = submit(application, "sleep 0.2", "q2");
        clock.advance(Duration.ofSeconds(1));
        JobRun third = submit(application, "sleep 0.2", "q3");

        await().until(() -> stack.registry.latest(third.id()).state() == JobRunState.QUEUED);
        assertThat(stack.registry.latest(second.id()).state()).isEqualTo(JobRunState.QUEUED);
        assertThat(stack.registry.latest(second.id()).stateDetails()).contains("maxConcurrentRuns of 1");

        assertThat(awaitTerminal(first).state()).isEqualTo(JobRunState.SUCCESS);
        assertThat(awaitTerminal(second).state()).isEqualTo(JobRunState.SUCCESS);
        assertThat(awaitTerminal(third).state()).isEqualTo(JobRunState.SUCCESS);
        Instant secondStarted = stack.registry.latest(second.id()).startedAt().orElseThrow();
        Instant thirdStarted = stack.registry.latest(third.id()).startedAt().orElseThrow();
        assertThat(secondStarted).isAfterOrEqualTo(stack.registry.latest(first.id()).endedAt().orElseThrow());
        assertThat(thirdStarted).isAfterOrEqualTo(stack.registry.latest(second.id()).endedAt().orElseThrow());
    }

    @Test
    void queuedRunFailsAfterTheQueueTimeoutAndCanBeCancelled()
    {
        Application application = schedulerApplication(1, 15);
        JobRun running = submit(application, "sleep 30", "r");
        await().until(() -> stack.registry.latest(running.id()).state() == JobRunState.RUNNING);
        JobRun waiting = submit(application, "echo late", "w");
        JobRun cancelled = submit(application, "echo never", "c");
        await().until(() -> stack.registry.latest(cancelled.id()).state() == JobRunState.QUEUED);

        stack.jobRuns.cancel(application.id(), cancelled.id());
        assertThat(stack.registry.latest(cancelled.id()).state()).isEqualTo(JobRunState.CANCELLED);

        clock.advance(Duration.ofMinutes(15));
        stack.executor.enforceTimeouts();
        JobRunAttempt timedOut = awaitTerminal(waiting);
        assertThat(timedOut.state()).isEqualTo(JobRunState.FAILED);
        assertThat(timedOut.stateDetails()).contains("queueTimeoutMinutes of 15 minutes");
        assertThat(stack.registry.latest(running.id()).state()).isEqualTo(JobRunState.RUNNING);
        stack.jobRuns.cancel(application.id(), running.id());
        awaitTerminal(running);
    }

    @Test
    void refusesARunOnceTheAccountHoldsItsQuotaOfQueuedRuns()
    {
        Application application = schedulerApplication(1, 360);
        JobRun running = submit(application, "sleep 30", "r");
        await().until(() -> stack.registry.latest(running.id()).state() == JobRunState.RUNNING);
        JobRun queued = submit(application, "echo one", "q1");
        submit(application, "echo two", "q2");
        await().until(() -> stack.registry.runs().stream().filter(run -> stack.registry.latest(run.id()).state() == JobRunState.QUEUED).count()
                == QUEUED_RUN_QUOTA);
        int stored = stack.registry.runs().size();

        assertThatThrownBy(() -> submit(application, "echo three", "q3"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_QUOTA_EXCEEDED))
                .hasMessageContaining("already has 2 queued job runs");
        assertThat(stack.registry.runs()).hasSize(stored);

        stack.jobRuns.cancel(application.id(), queued.id());
        JobRun third = submit(application, "echo three", "q3");
        stack.jobRuns.cancel(application.id(), running.id());
        awaitTerminal(running);
        // the third run starts once the running one is gone: wait for it, so that it writes nothing while the folder is removed
        assertThat(awaitTerminal(third).state()).isEqualTo(JobRunState.SUCCESS);
    }

    private Application schedulerApplication(int maxConcurrentRuns, int queueTimeoutMinutes)
    {
        ObjectNode input = json.createObjectNode().put("releaseLabel", "emr-spark-8.0").put("type", "SPARK");
        input.putObject("schedulerConfiguration").put("maxConcurrentRuns", maxConcurrentRuns).put("queueTimeoutMinutes", queueTimeoutMinutes);
        return stack.applications.create(input, "scheduled-" + System.nanoTime());
    }

    /** Submits one run per command, each created a second after the one before, and waits for all to end. */
    private List<JobRun> submitOneSecondApart(Application application, String... commands)
    {
        List<JobRun> runs = new ArrayList<>();
        for (String command : commands) {
            if (!runs.isEmpty()) {
                clock.advance(Duration.ofSeconds(1));
            }
            runs.add(submit(application, command, "apart-" + runs.size()));
        }
        runs.forEach(this::awaitTerminal);
        return runs;
    }

    private JobRunService.JobRunFilter filter(List<JobRunState> states)
    {
        return new JobRunService.JobRunFilter(states, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private Application createApplication()
    {
        return stack.applications.create(json.createObjectNode().put("releaseLabel", "emr-spark-8.0").put("type", "SPARK"), "app-" + System.nanoTime());
    }

    private JobRun submit(Application application, String command, String token)
    {
        return stack.jobRuns.start(application.id(), jobInput(command), token, Map.of(), ROLE);
    }

    private ObjectNode jobInput(String command)
    {
        ObjectNode input = json.createObjectNode().put("executionRoleArn", ROLE);
        input.putObject("jobDriver").putObject("sparkSubmit").put("entryPoint", command);
        return input;
    }

    /** Waits until the run's driver has installed its SIGTERM trap; returns its work dir. */
    private Path awaitListening(JobRun run)
    {
        await().until(() -> stack.registry.latest(run.id()).state() == JobRunState.RUNNING);
        Path workDir = Path.of(stack.registry.latest(run.id()).workDir().orElseThrow());
        await().until(() -> Files.exists(workDir.resolve("trapped")));
        return workDir;
    }

    private JobRunAttempt awaitTerminal(JobRun run)
    {
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.registry.latest(run.id()).state().isTerminal());
        return stack.registry.latest(run.id());
    }
}
