package io.emrys.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that tests move by hand, so timeouts and auto-stop are tested without waiting. */
public final class TestingClock
        extends Clock
{
    private final AtomicReference<Instant> now;

    public TestingClock(Instant start)
    {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration duration)
    {
        now.updateAndGet(instant -> instant.plus(duration));
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
        return now.get();
    }
}
