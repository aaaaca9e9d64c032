package io.emrys.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The system clock plus an offset that tests can move forward: real processes still take real time (so durations
 * and utilization are positive), while timeouts measured in hours can be reached at once.
 */
public final class AdjustableClock
        extends Clock
{
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration duration)
    {
        offset.updateAndGet(current -> current.plus(duration));
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        return this;
    }

    @Override
    public Instant instant()
    {
        return Instant.now().plus(offset.get());
    }
}
