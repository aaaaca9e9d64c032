package io.emrys.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.common.TemporaryCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleSessionFileTest
{
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger sessions = new AtomicInteger();

    @TempDir
    Path dir;

    @AfterEach
    void stop()
    {
        scheduler.shutdownNow();
    }

    @Test
    void writesTheRolesSessionOwnerOnlyBeforeReturning()
            throws IOException
    {
        Path file = dir.resolve("driver").resolve("s3-credentials.properties");

        RoleSessionFile.write(file, sessionsLasting(Duration.ofHours(1)), scheduler, Clock.systemUTC());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(read(file).getProperty("accessKeyId")).isEqualTo("ASIA1");
        assertThat(read(file).getProperty("sessionToken")).isEqualTo("token-1");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void renewsTheSessionBeforeItExpiresUntilTheDriverEnds()
            throws IOException
    {
        Path file = dir.resolve("s3-credentials.properties");
        CompletableFuture<Void> driverExit = new CompletableFuture<>();
        RoleSessionFile session = RoleSessionFile.write(file, sessionsLasting(Duration.ofSeconds(2)), scheduler, Clock.systemUTC());

        session.renewUntil(driverExit);

        await().atMost(Duration.ofSeconds(20)).until(() -> sessions.get() >= 3);
        assertThat(read(file).getProperty("accessKeyId")).isNotEqualTo("ASIA1").startsWith("ASIA");
        driverExit.complete(null);
        int atExit = sessions.get();
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(sessions.get()).as("no renewal after the driver ended (at most one already running)").isLessThanOrEqualTo(atExit + 1);
    }

    @Test
    void aFailedRenewalKeepsTheCurrentSessionAndTriesAgain()
            throws IOException
    {
        Path file = dir.resolve("s3-credentials.properties");
        AtomicInteger calls = new AtomicInteger();
        Supplier<TemporaryCredentials> lasting = sessionsLasting(Duration.ofSeconds(2));
        Supplier<TemporaryCredentials> assume = () -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("the role was deleted");
            }
            return lasting.get();
        };
        RoleSessionFile session = RoleSessionFile.write(file, assume, scheduler, Clock.systemUTC());

        session.renewUntil(new CompletableFuture<>());

        await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() >= 3);
        assertThat(read(file).getProperty("accessKeyId")).as("the session after the failed renewal").isEqualTo("ASIA2");
    }

    @Test
    void renewsOnceThreeQuartersOfTheSessionHavePassedButNeverWithinASecond()
    {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");

        assertThat(RoleSessionFile.renewalDelay(now, now.plus(Duration.ofHours(1)))).isEqualTo(Duration.ofMinutes(45));
        assertThat(RoleSessionFile.renewalDelay(now, now.plusSeconds(2))).isEqualTo(Duration.ofMillis(1500));
        assertThat(RoleSessionFile.renewalDelay(now, now.plusMillis(400))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RoleSessionFile.renewalDelay(now, now.minusSeconds(10))).isEqualTo(Duration.ofSeconds(1));
    }

    private Supplier<TemporaryCredentials> sessionsLasting(Duration lifetime)
    {
        return () -> {
            int n = sessions.incrementAndGet();
            return new TemporaryCredentials("ASIA" + n, "secret-" + n, "token-" + n, Instant.now().plus(lifetime), "arn:aws:sts::123456789012:assumed-role/r/s");
        };
    }

    private static Properties read(Path file)
            throws IOException
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
