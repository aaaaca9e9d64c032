package io.emrys.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock that tests move forward by hand: some base instant plus everything advanced so far. */
public abstract class MovableClock
        extends Clock
{
    private final AtomicReference<Duration> advanced = new AtomicReference<>(Duration.ZERO);

    public final void advance(Duration duration)
    {
        advanced.updateAndGet(current -> current.plus(duration));
    }

    /** The time before any {@link #advance}: fixed, or the system's. */
    protected abstract Instant base();

    @Override
    public final ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public final Clock withZone(ZoneId zone)
    {
        return this;
    }

    @Override
    public final Instant instant()
    {
        return base().plus(advanced.get());
    }
}
