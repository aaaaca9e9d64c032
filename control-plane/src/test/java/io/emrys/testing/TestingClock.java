package io.emrys.testing;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A clock that tests move by hand, so timeouts and auto-stop are tested without waiting. */
public final class TestingClock
        extends MovableClock
{
    private final Instant start;

    public TestingClock(Instant start)
    {
        this.start = requireNonNull(start, "start is null");
    }

    @Override
    protected Instant base()
    {
        return start;
    }
}
