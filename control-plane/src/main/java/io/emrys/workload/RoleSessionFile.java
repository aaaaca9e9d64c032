package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import io.emrys.common.OwnerOnlyFiles;
import io.emrys.common.TemporaryCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver's S3 credentials file ({@link io.emrys.compute.config.S3CredentialsFile}) holding a session of the work's
 * execution role, replaced whole (owner-only temporary file, then an atomic rename) so the driver's reader never sees
 * half of it, and renewed with a fresh session of the role before the current one expires, until the driver ends.
 */
public final class RoleSessionFile
{
    private static final Logger log = LoggerFactory.getLogger(RoleSessionFile.class);
    /** Never renew sooner than this after a write, whatever the session's lifetime. */
    private static final Duration SHORTEST_RENEWAL = Duration.ofSeconds(1);

    private final Path file;
    private final Supplier<TemporaryCredentials> assume;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final AtomicReference<TemporaryCredentials> current = new AtomicReference<>();
    private final AtomicReference<ScheduledFuture<?>> renewal = new AtomicReference<>();
    private volatile boolean ended;

    private RoleSessionFile(Path file, Supplier<TemporaryCredentials> assume, ScheduledExecutorService scheduler, Clock clock)
    {
        this.file = requireNonNull(file, "file is null");
        this.assume = requireNonNull(assume, "assume is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Assumes the role once and writes its session to {@code file} before returning, so that a driver started or
     * handed work afterwards reads it; renewal starts with {@link #renewUntil}.
     *
     * @param assume a fresh session of the work's role on each call
     */
    static RoleSessionFile write(Path file, Supplier<TemporaryCredentials> assume, ScheduledExecutorService scheduler, Clock clock)
    {
        RoleSessionFile session = new RoleSessionFile(file, assume, scheduler, clock);
        session.refresh();
        return session;
    }

    /** Writes static keys (a pre-initialized driver's, before any work is handed to it), without renewal. */
    static void writeStatic(Path file, String accessKeyId, String secretAccessKey)
    {
        replace(file, accessKeyId, secretAccessKey, Optional.empty());
    }

    /** Keeps renewing the session before it expires until {@code end} completes (the driver's exit). */
    public void renewUntil(CompletableFuture<?> end)
    {
        end.whenComplete((result, failure) -> {
            ended = true;
            Optional.ofNullable(renewal.get()).ifPresent(task -> task.cancel(false));
        });
        schedule();
    }

    /** The session the file holds now. */
    TemporaryCredentials current()
    {
        return current.get();
    }

    /**
     * How long after {@code now} to renew a session that expires at {@code expiration}: once three quarters of what
     * is left have passed, so a renewal that fails has time to be tried again; never sooner than a second.
     */
    static Duration renewalDelay(Instant now, Instant expiration)
    {
        Duration left = Duration.between(now, expiration);
        Duration delay = left.minus(left.dividedBy(4));
        return delay.compareTo(SHORTEST_RENEWAL) < 0 ? SHORTEST_RENEWAL : delay;
    }

    private void schedule()
    {
        if (ended) {
            return;
        }
        Duration delay = renewalDelay(clock.instant(), current.get().expiration());
        renewal.set(scheduler.schedule(this::renew, delay.toMillis(), TimeUnit.MILLISECONDS));
        if (ended) {
            renewal.get().cancel(false);
        }
    }

    private void renew()
    {
        if (ended) {
            return;
        }
        try {
            refresh();
        }
        catch (RuntimeException e) {
            // the current session still holds until it expires; the next attempt comes after a quarter of what is left
            log.warn("Could not renew the execution role session in {}: {}", file, e.getMessage());
        }
        schedule();
    }

    private void refresh()
    {
        TemporaryCredentials credentials = assume.get();
        replace(file, credentials.accessKeyId(), credentials.secretAccessKey(), Optional.of(credentials.sessionToken()));
        current.set(credentials);
    }

    private static void replace(Path file, String accessKeyId, String secretAccessKey, Optional<String> sessionToken)
    {
        Properties properties = new Properties();
        properties.setProperty("accessKeyId", accessKeyId);
        properties.setProperty("secretAccessKey", secretAccessKey);
        sessionToken.ifPresent(token -> properties.setProperty("sessionToken", token));
        try {
            Path temporary = OwnerOnlyFiles.createTemporaryFile(OwnerOnlyFiles.createDirectories(file.getParent()), file.getFileName() + ".");
            try {
                try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    properties.store(writer, null);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not write the S3 credentials file " + file, e);
        }
    }
}
