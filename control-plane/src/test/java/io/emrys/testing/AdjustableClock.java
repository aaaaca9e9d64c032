package io.emrys.testing;

import java.time.Instant;

/**
 * The system clock plus an offset that tests can move forward: real processes still take real time (so durations
 * and utilization are positive), while timeouts measured in hours can be reached at once.
 */
public final class AdjustableClock
        extends MovableClock
{
    @Override
    protected Instant base()
    {
        return Instant.now();
    }
}
