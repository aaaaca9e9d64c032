package io.emrys.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class WarmPoolTest
{
    private static final String APPLICATION = "00fabcdef0123456";

    @TempDir
    Path data;

    @Test
    void countsOnlyReadyDriversWithoutAnAssignment()
            throws IOException
    {
        worker("w-1", true, null);
        worker("w-2", true, "jobRunId=00run1\n");
        worker("w-3", false, null);

        assertThat(new WarmPool(data).readyDrivers(APPLICATION)).isEqualTo(1);
    }

    @Test
    void aReadyExecutorIsNotAReadyDriver()
            throws IOException
    {
        Path executor = worker("w-1", true, null);
        Files.writeString(executor.resolve(WarmPool.READY_FILE), "{\"workerType\": \"EXECUTOR\"}");
        Path driver = worker("w-2", true, null);
        Files.writeString(driver.resolve(WarmPool.READY_FILE), "{\"workerType\": \"DRIVER\"}");

        assertThat(new WarmPool(data).readyDrivers(APPLICATION)).isEqualTo(1);
    }

    @Test
    void findsTheDriverThatTheWorksFolderLinksTo()
            throws IOException
    {
        worker("w-1", true, null);
        Path taken = worker("w-2", true, "kind=session\n");
        Path jobTaken = worker("w-3", true, "kind=job\n");
        Path sessions = Files.createDirectories(data.resolve("applications").resolve(APPLICATION).resolve("sessions"));
        Files.createSymbolicLink(sessions.resolve("00session7"), taken);
        Path run = Files.createDirectories(data.resolve("applications").resolve(APPLICATION).resolve("jobs").resolve("00run9"));
        Files.createSymbolicLink(run.resolve("attempt-1"), jobTaken);
        Files.createDirectories(sessions.resolve("00session8"));

        WarmPool pool = new WarmPool(data);

        assertThat(pool.assignedTo(APPLICATION, "00session7")).contains(taken.toRealPath());
        assertThat(pool.assignedTo(APPLICATION, "00run9")).contains(jobTaken.toRealPath());
        assertThat(pool.assignedTo(APPLICATION, "00session8")).as("a cold session's own folder").isEmpty();
    }

    @Test
    void doesNotWaitForAnApplicationWithoutAPoolFolder()
            throws InterruptedException
    {
        WarmPool pool = new WarmPool(data);

        assertThat(pool.awaitReadyDriver(APPLICATION, Duration.ofMinutes(5))).isFalse();
        assertThat(pool.readyDrivers(APPLICATION)).isZero();
        assertThat(pool.assignedTo(APPLICATION, "00run1")).isEmpty();
    }

    @Test
    void waitsUntilTheTimeoutWhenNoDriverIsReady()
            throws IOException, InterruptedException
    {
        worker("w-1", true, "jobRunId=00run1\n");

        assertThat(new WarmPool(data).awaitReadyDriver(APPLICATION, Duration.ofMillis(300))).isFalse();
    }

    @Test
    void returnsOnceADriverIsReady()
            throws IOException, InterruptedException
    {
        worker("w-1", true, null);

        assertThat(new WarmPool(data).awaitReadyDriver(APPLICATION, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void waitsForAsManyReadyDriversAsAsked()
            throws IOException, InterruptedException
    {
        worker("w-1", true, null);
        worker("w-2", true, "jobRunId=00run1\n");
        WarmPool pool = new WarmPool(data);

        assertThat(pool.awaitReadyDrivers(APPLICATION, 2, Duration.ofMillis(300))).isFalse();
        assertThat(pool.awaitReadyDrivers(APPLICATION, 1, Duration.ofMillis(300))).isTrue();
    }

    @Test
    void readsTheDriverPidOfAWorkDir()
            throws IOException
    {
        Path dir = worker("w-1", true, null);
        Files.writeString(dir.resolve("driver.pid"), "4242\n");

        assertThat(WarmPool.driverPid(dir)).hasValue(4242);
        assertThat(WarmPool.driverPid(data)).isEmpty();
    }

    private Path worker(String id, boolean ready, String assignment)
            throws IOException
    {
        Path dir = Files.createDirectories(data.resolve("pool").resolve(APPLICATION).resolve(id));
        if (ready) {
            Files.writeString(dir.resolve(WarmPool.READY_FILE), "{}");
        }
        if (assignment != null) {
            Files.writeString(dir.resolve(WarmPool.ASSIGNMENT_FILE), assignment);
        }
        return dir;
    }
}
