package io.emrys.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests can move, standing in for the server's time. */
final class MutableClock
        extends Clock
{
    private final AtomicReference<Instant> now;

    MutableClock(Instant start)
    {
        this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration)
    {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    void set(Instant instant)
    {
        now.set(instant);
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        throw new UnsupportedOperationException("the test clock stays in UTC");
    }

    @Override
    public Instant instant()
    {
        return now.get();
    }
}
