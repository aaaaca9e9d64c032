package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;

/**
 * Submits one job run and polls GetJobRun every 100 ms until it ends, as a client of the API would. Besides the
 * turnaround it splits the time using the driver's work dir: the wrapping shell writes {@code driver.pid} right
 * after forking the JVM and {@code exit-code} right after it exits, so their modification times bracket the
 * driver JVM.
 */
final class EmrysJobRunner
{
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    private final EmrServerlessClient client;
    private final Path dataDir;
    private final String applicationId;
    private final String executionRoleArn;

    /** @param executionRoleArn the server's standard execution role ({@code EmrysProcess.executionRoleArn()}) */
    EmrysJobRunner(EmrServerlessClient client, Path dataDir, String applicationId, String executionRoleArn)
    {
        this.executionRoleArn = requireNonNull(executionRoleArn, "executionRoleArn is null");
        this.client = requireNonNull(client, "client is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.applicationId = requireNonNull(applicationId, "applicationId is null");
    }

    /**
     * @param submitToRunningMillis until the first poll that saw RUNNING (or later)
     * @param submitToJvmStartMillis from the StartJobRun call to the fork of the driver JVM
     * @param jvmMillis the driver JVM's own lifetime: the part raw Spark also pays
     * @param jvmExitToSuccessMillis from the JVM's exit to the first poll that saw SUCCESS
     */
    record Sample(String jobRunId, long turnaroundMillis, long submitToRunningMillis, long submitToJvmStartMillis, long jvmMillis,
            long jvmExitToSuccessMillis, OptionalLong driverPeakRssKb)
    {
        Sample
        {
            requireNonNull(jobRunId, "jobRunId is null");
            requireNonNull(driverPeakRssKb, "driverPeakRssKb is null");
        }
    }

    /**
     * A job run's turnaround alone, for runs whose driver need not be forked for them (a warm driver's work dir is in
     * the application's pool, not in the run's folder).
     *
     * @param submitToRunningMillis until the first poll that saw RUNNING (or later)
     * @param warmDriver whether an assignment in the application's pool named the run at one of the polls
     */
    record Turnaround(String jobRunId, long turnaroundMillis, long submitToRunningMillis, boolean warmDriver)
    {
        Turnaround
        {
            requireNonNull(jobRunId, "jobRunId is null");
        }
    }

    /** The figures of the polling loop, before they are split with the work dir's files. */
    private record Polled(String jobRunId, Path workDir, long submitEpochMillis, long startNanos, long runningNanos, long successNanos, long peakRssKb,
            boolean warmDriver) {}

    Sample run(String entryPoint, String sparkSubmitParameters)
            throws IOException
    {
        Polled polled = submitAndPoll(entryPoint, List.of(), sparkSubmitParameters, Optional.empty());
        long jvmStart = Files.getLastModifiedTime(polled.workDir().resolve("driver.pid")).toMillis();
        long jvmExit = Files.getLastModifiedTime(polled.workDir().resolve("exit-code")).toMillis();
        long successEpochMillis = polled.submitEpochMillis() + TimeUnit.NANOSECONDS.toMillis(polled.successNanos() - polled.startNanos());
        return new Sample(polled.jobRunId(), TimeUnit.NANOSECONDS.toMillis(polled.successNanos() - polled.startNanos()),
                TimeUnit.NANOSECONDS.toMillis(polled.runningNanos() - polled.startNanos()), jvmStart - polled.submitEpochMillis(), jvmExit - jvmStart,
                successEpochMillis - jvmExit, polled.peakRssKb() < 0 ? OptionalLong.empty() : OptionalLong.of(polled.peakRssKb()));
    }

    /**
     * The same submission and polling as {@link #run}, without reading the run's work dir; at each poll (until it
     * sees one) it also looks for an assignment naming the run in the application's warm pool.
     */
    Turnaround turnaround(String entryPoint, String sparkSubmitParameters, WarmPool pool)
    {
        return turnaround(entryPoint, List.of(), sparkSubmitParameters, pool);
    }

    /** {@link #turnaround(String, String, WarmPool)} of a job with entry point arguments. */
    Turnaround turnaround(String entryPoint, List<String> arguments, String sparkSubmitParameters, WarmPool pool)
    {
        Polled polled = submitAndPoll(entryPoint, arguments, sparkSubmitParameters, Optional.of(pool));
        return new Turnaround(polled.jobRunId(), TimeUnit.NANOSECONDS.toMillis(polled.successNanos() - polled.startNanos()),
                TimeUnit.NANOSECONDS.toMillis(polled.runningNanos() - polled.startNanos()), polled.warmDriver());
    }

    String applicationId()
    {
        return applicationId;
    }

    /** The first attempt's work dir; a symbolic link into the application's pool when the run took a warm driver. */
    Path workDir(String jobRunId)
    {
        return dataDir.resolve("applications").resolve(applicationId).resolve("jobs").resolve(jobRunId).resolve("attempt-1");
    }

    private Polled submitAndPoll(String entryPoint, List<String> arguments, String sparkSubmitParameters, Optional<WarmPool> pool)
    {
        long submitEpochMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        String jobRunId = client.startJobRun(request -> request
                .applicationId(applicationId)
                .executionRoleArn(executionRoleArn)
                .name("bench")
                .jobDriver(driver -> driver.sparkSubmit(submit -> {
                    submit.entryPoint(entryPoint).sparkSubmitParameters(sparkSubmitParameters);
                    // The trivial job's request stays as it was: no empty argument list on the wire.
                    if (!arguments.isEmpty()) {
                        submit.entryPointArguments(arguments);
                    }
                }))).jobRunId();
        Path workDir = workDir(jobRunId);

        long running = -1;
        long peakRss = -1;
        long pid = -1;
        boolean warm = false;
        for (long poll = 1; ; poll++) {
            // Fixed-rate polling from the submit time, so a slow GetJobRun does not shift later polls.
            LockSupport.parkNanos(start + poll * POLL_INTERVAL.toNanos() - System.nanoTime());
            JobRun run = client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
            long now = System.nanoTime();
            // QUEUED is before RUNNING too: labels from emr-7.3.0 queue runs by default (a run waits QUEUED only when the application is full).
            if (running < 0 && run.state() != JobRunState.SUBMITTED && run.state() != JobRunState.QUEUED && run.state() != JobRunState.PENDING
                    && run.state() != JobRunState.SCHEDULED) {
                running = now;
            }
            if (!warm && pool.isPresent()) {
                warm = pool.get().assignedTo(applicationId, jobRunId).isPresent();
            }
            if (pid < 0) {
                pid = readPid(workDir.resolve("driver.pid"));
            }
            if (pid > 0) {
                OptionalLong sample = ProcStatus.peakKb(pid);
                if (sample.isPresent()) {
                    peakRss = Math.max(peakRss, sample.getAsLong());
                }
            }
            if (run.state() == JobRunState.SUCCESS) {
                return new Polled(jobRunId, workDir, submitEpochMillis, start, running, now, peakRss, warm);
            }
            if (run.state() == JobRunState.FAILED || run.state() == JobRunState.CANCELLED) {
                throw new IllegalStateException("job run " + jobRunId + " ended " + run.state() + ": " + run.stateDetails());
            }
            if (now - start > RUN_TIMEOUT.toNanos()) {
                throw new IllegalStateException("job run " + jobRunId + " did not end within " + RUN_TIMEOUT);
            }
        }
    }

    private static long readPid(Path file)
    {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? -1 : Long.parseLong(text);
        }
        catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
