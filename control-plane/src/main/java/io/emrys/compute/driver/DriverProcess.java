package io.emrys.compute.driver;

import io.emrys.common.WorkerSize;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * A running (or re-adopted) driver JVM. Its output goes straight to files in the work dir, so it outlives the
 * control plane; {@link #onExit()} completes once its exit status is known and its logs are archived.
 */
public final class DriverProcess
{
    private final String runId;
    private final long pid;
    /** Empty when the driver had already ended when it was adopted. */
    private final Optional<ProcessHandle> handle;
    private final DriverWorkDir workDir;
    private final int uiPort;
    private final Instant startedAt;
    private final WorkerSize size;
    private final CompletableFuture<DriverExit> exit;
    private final ScheduledExecutorService scheduler;

    DriverProcess(String runId, long pid, Optional<ProcessHandle> handle, DriverWorkDir workDir, int uiPort, Instant startedAt, WorkerSize size,
            CompletableFuture<DriverExit> exit, ScheduledExecutorService scheduler)
    {
        this.runId = requireNonNull(runId, "runId is null");
        this.pid = pid;
        this.handle = requireNonNull(handle, "handle is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.uiPort = uiPort;
        this.startedAt = requireNonNull(startedAt, "startedAt is null");
        this.size = requireNonNull(size, "size is null");
        this.exit = requireNonNull(exit, "exit is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
    }

    public String runId()
    {
        return runId;
    }

    /** The driver JVM's process id (the wrapping shell's only when the JVM never started). */
    public long pid()
    {
        return pid;
    }

    public Path workDir()
    {
        return workDir.root();
    }

    /** The loopback port of the live Spark UI. */
    public int uiPort()
    {
        return uiPort;
    }

    /** When the driver was started (for a re-adopted one without a readable launch record: when it was adopted). */
    public Instant startedAt()
    {
        return startedAt;
    }

    /** The driver's size as metering bills it: its cores, its heap and the configured disk. */
    public WorkerSize size()
    {
        return size;
    }

    /**
     * Completes with the exit once the driver has ended, or exceptionally with {@link DriverLostException} when it
     * ended without leaving an exit status. The returned stage is a copy: completing it does not affect others.
     */
    public CompletableFuture<DriverExit> onExit()
    {
        return exit.copy();
    }

    public boolean isAlive()
    {
        return handle.map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Asks the driver to stop (SIGTERM: Spark's shutdown hooks stop the SparkContext and finish the event log),
     * and kills it (SIGKILL) if it is still alive after {@code grace}; a zero grace kills it at once, without
     * SIGTERM, as EMR Serverless terminates a job cancelled with a grace period of 0 seconds (no shutdown hooks
     * run). Returns at once; watch {@link #onExit()}.
     */
    public void stop(Duration grace)
    {
        requireNonNull(grace, "grace is null");
        handle.filter(ProcessHandle::isAlive).ifPresent(process -> {
            if (grace.isZero()) {
                process.destroyForcibly();
                return;
            }
            process.destroy();
            scheduler.schedule(() -> {
                if (process.isAlive()) {
                    process.destroyForcibly();
                }
            }, grace.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public String toString()
    {
        return "DriverProcess{runId=" + runId + ", pid=" + pid() + ", workDir=" + workDir.root() + "}";
    }
}
