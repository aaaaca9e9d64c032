package io.emrys.testing;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock that tests move by hand, so timeouts and auto-stop are tested without waiting: a base clock (fixed,
 * or the system's) plus an offset that {@link #advance} and {@link #set} change.
 *
 * <p>Thread-safe: tests move it while server threads read it. The offset is one immutable value swapped atomically,
 * so a reader sees either the old or the new time, never a mix.
 */
public final class TestingClock
        extends Clock
{
    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Stands still at {@code start} until moved: for unit tests that compare exact instants. */
    public TestingClock(Instant start)
    {
        this(Clock.fixed(requireNonNull(start, "start is null"), ZoneOffset.UTC));
    }

    private TestingClock(Clock base)
    {
        this.base = base;
    }

    /**
     * Runs with the system clock until moved: real processes still take real time (so durations and utilization are
     * positive), while timeouts measured in hours can be reached at once.
     */
    public static TestingClock followingSystemTime()
    {
        return new TestingClock(Clock.systemUTC());
    }

    public void advance(Duration duration)
    {
        requireNonNull(duration, "duration is null");
        offset.updateAndGet(current -> current.plus(duration));
    }

    /** From now on reads {@code instant}, then moves as the base clock does. */
    public void set(Instant instant)
    {
        requireNonNull(instant, "instant is null");
        offset.set(Duration.between(base.instant(), instant));
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    /** The zone stays UTC: the server keeps every time in UTC, and a second zone would be a second clock to move. */
    @Override
    public Clock withZone(ZoneId zone)
    {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("The testing clock stays in UTC, not " + zone);
        }
        return this;
    }

    @Override
    public Instant instant()
    {
        return base.instant().plus(offset.get());
    }
}
