package io.emrys.compute.driver;

import io.emrys.common.WorkerSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Learns how a driver ended. A driver we launched is waited for through its wrapping shell (our child, so the
 * JDK reaps it without polling); a re-adopted one is polled. Either way the exit status comes from the
 * {@code exit-code} file the shell writes, which survives a control plane restart. All work runs on the
 * launcher's scheduler thread, never on the JDK's process reaper.
 */
final class DriverExitWatcher
{
    private static final Logger log = LoggerFactory.getLogger(DriverExitWatcher.class);
    /** How long to wait for the shell to write the exit status after the JVM has gone. */
    private static final Duration EXIT_CODE_WAIT = Duration.ofSeconds(2);
    private static final long EXIT_CODE_POLL_MILLIS = 20;

    private final DriverLauncherConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final LogArchiver archiver;

    DriverExitWatcher(DriverLauncherConfig config, Clock clock, ScheduledExecutorService scheduler, LogArchiver archiver)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.archiver = requireNonNull(archiver, "archiver is null");
    }

    /** Watches a driver whose wrapping shell is our child. */
    CompletableFuture<DriverExit> watchChild(Process shell, ProcessHandle driver, DriverWorkDir workDir, WorkerSize size)
    {
        CompletableFuture<DriverExit> result = new CompletableFuture<>();
        shell.onExit().whenCompleteAsync((ignored, failure) -> {
            OptionalInt code = readExitCode(workDir.exitCode());
            if (code.isPresent()) {
                finish(result, code.getAsInt(), workDir, size);
            }
            else if (driver.isAlive()) {
                // The shell was killed but the JVM lives on: fall back to polling it.
                poll(result, driver, workDir, size);
            }
            else {
                lost(result, workDir);
            }
        }, scheduler);
        return result;
    }

    /** Watches a driver that is not our child (re-adopted after a restart) by polling. */
    CompletableFuture<DriverExit> watchAdopted(ProcessHandle driver, DriverWorkDir workDir, WorkerSize size)
    {
        CompletableFuture<DriverExit> result = new CompletableFuture<>();
        scheduler.execute(() -> poll(result, driver, workDir, size));
        return result;
    }

    /** An exit that is already on disk. */
    CompletableFuture<DriverExit> completed(int exitCode, DriverWorkDir workDir, WorkerSize size)
    {
        CompletableFuture<DriverExit> result = new CompletableFuture<>();
        scheduler.execute(() -> finish(result, exitCode, workDir, size));
        return result;
    }

    private void poll(CompletableFuture<DriverExit> result, ProcessHandle driver, DriverWorkDir workDir, WorkerSize size)
    {
        if (driver.isAlive()) {
            scheduler.schedule(() -> poll(result, driver, workDir, size), config.adoptedPollInterval().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        awaitExitCode(result, workDir, size, System.nanoTime() + EXIT_CODE_WAIT.toNanos());
    }

    private void awaitExitCode(CompletableFuture<DriverExit> result, DriverWorkDir workDir, WorkerSize size, long deadlineNanos)
    {
        OptionalInt code = readExitCode(workDir.exitCode());
        if (code.isPresent()) {
            finish(result, code.getAsInt(), workDir, size);
        }
        else if (System.nanoTime() < deadlineNanos) {
            scheduler.schedule(() -> awaitExitCode(result, workDir, size, deadlineNanos), EXIT_CODE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
        else {
            lost(result, workDir);
        }
    }

    private void finish(CompletableFuture<DriverExit> result, int exitCode, DriverWorkDir workDir, WorkerSize size)
    {
        try {
            Instant endedAt = clock.instant();
            WorkerSize ended = new WorkerSize(size.vcpu(), size.memoryGb(), Math.max(size.diskGb(), sizeInGb(workDir.root())));
            try {
                archiver.archive(workDir.root());
            }
            catch (IOException e) {
                // The exit matters more than the archive; the lead can still upload the raw files.
                log.warn("Could not archive the logs of driver {}", workDir.root(), e);
            }
            Optional<String> lastErrorLine = exitCode == 0 ? Optional.empty() : LastErrorLine.find(workDir.stdout(), workDir.stderr());
            result.complete(new DriverExit(exitCode, lastErrorLine, endedAt, ended));
        }
        catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private static void lost(CompletableFuture<DriverExit> result, DriverWorkDir workDir)
    {
        result.completeExceptionally(new DriverLostException("The driver in " + workDir.root() + " ended without recording an exit status"));
    }

    static OptionalInt readExitCode(Path file)
    {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            // An empty file means the shell is writing it right now; the caller retries.
            return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        }
        catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static double sizeInGb(Path root)
    {
        try (Stream<Path> files = Files.walk(root)) {
            long bytes = files.filter(Files::isRegularFile).mapToLong(DriverExitWatcher::sizeOf).sum();
            return bytes / (1024.0 * 1024 * 1024);
        }
        catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long sizeOf(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            // Spark deletes its temp folders while shutting down; a vanished file weighs nothing.
            return 0;
        }
    }
}
