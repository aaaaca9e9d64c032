package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What the harness can see of an application's pre-initialized drivers: their work dirs under
 * {@code <data>/pool/<applicationId>/<workerId>/}. A driver is ready for work when its dir holds {@code warm-ready.json}
 * and no {@code assignment.properties}; a job run or session took one when its own work folder links to it.
 * Read from the file system only, so the harness needs no API beyond EMR Serverless's.
 */
final class WarmPool
{
    static final String READY_FILE = "warm-ready.json";
    static final String ASSIGNMENT_FILE = "assignment.properties";
    private static final long POLL_MILLIS = 100;

    private final Path dataDir;

    WarmPool(Path dataDir)
    {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
    }

    /** The application's pool folder; absent while (or because) the server keeps no warm workers for it. */
    Path folder(String applicationId)
    {
        return dataDir.resolve("pool").resolve(applicationId);
    }

    /**
     * Warm drivers of the application that are ready and not yet handed to a job run or session. A worker whose
     * {@code warm-ready.json} names the EXECUTOR type is not a driver, should executors ever keep their dirs here too.
     */
    int readyDrivers(String applicationId)
    {
        return (int) workerDirs(applicationId).stream()
                .filter(dir -> !Files.exists(dir.resolve(ASSIGNMENT_FILE)) && readyDriver(dir.resolve(READY_FILE)))
                .count();
    }

    private static boolean readyDriver(Path readyFile)
    {
        try {
            return !Files.readString(readyFile, StandardCharsets.UTF_8).contains("\"EXECUTOR\"");
        }
        catch (IOException e) {
            // Not there (not ready), or being written.
            return false;
        }
    }

    /**
     * Waits until the application has a ready, unassigned warm driver, so that the next measured run really finds one.
     * Returns at once with false when the application has no pool folder at all (a server without pre-initialized
     * capacity), and with false after the timeout.
     */
    boolean awaitReadyDriver(String applicationId, Duration timeout)
            throws InterruptedException
    {
        return awaitReadyDrivers(applicationId, 1, timeout);
    }

    /**
     * Waits until the application has at least {@code count} ready, unassigned warm drivers: the pool as full as it
     * was at rest, so that no refill is still starting a JVM. The same early and late returns as
     * {@link #awaitReadyDriver}.
     */
    boolean awaitReadyDrivers(String applicationId, int count, Duration timeout)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!Files.isDirectory(folder(applicationId))) {
                return false;
            }
            if (readyDrivers(applicationId) >= count) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * The warm driver's dir that this job run (first attempt) or session took, if it took one: Emrys makes the work's
     * own folder ({@code <data>/applications/<app>/jobs/<run>/attempt-1} or {@code .../sessions/<id>}) a symbolic
     * link to the warm driver's folder in the pool when it hands the driver over.
     */
    Optional<Path> assignedTo(String applicationId, String workId)
    {
        requireNonNull(workId, "workId is null");
        Path application = dataDir.resolve("applications").resolve(applicationId);
        for (Path workDir : List.of(application.resolve("jobs").resolve(workId).resolve("attempt-1"), application.resolve("sessions").resolve(workId))) {
            if (Files.isSymbolicLink(workDir)) {
                try {
                    return Optional.of(workDir.toRealPath());
                }
                catch (IOException e) {
                    // the pool folder is gone already; it was still a handoff
                    return Optional.of(workDir);
                }
            }
        }
        return Optional.empty();
    }

    /** The pid the launcher's wrapper wrote into a driver's work dir ({@code driver.pid}), if any. */
    static OptionalLong driverPid(Path workDir)
    {
        try {
            String text = Files.readString(workDir.resolve("driver.pid"), StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        }
        catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private List<Path> workerDirs(String applicationId)
    {
        Path folder = folder(applicationId);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(folder)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
        catch (NoSuchFileException e) {
            return List.of();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
