package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;

import java.time.Duration;
import java.time.Instant;

/**
 * A cluster's auto-termination policy: it ends once it has been idle (WAITING, no step pending or running) for
 * {@code idleTimeout}, counted from when it became idle or from {@code since} (when the policy was set), whichever
 * is later, so that setting a policy on a long-idle cluster does not end it at once.
 */
public record AutoTerminationPolicy(Duration idleTimeout, Instant since)
{
    /** AWS's bounds for IdleTimeout: a minute to seven days. */
    public static final long MIN_SECONDS = 60;
    public static final long MAX_SECONDS = 604_800;
    /** The cluster's state-change reason when the policy ends it: an idle cluster has completed all of its steps. */
    static final StatusReason REASON = new StatusReason("ALL_STEPS_COMPLETED", "Cluster was terminated by its auto-termination policy after being idle");

    public AutoTerminationPolicy
    {
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(since, "since is null");
    }

    /** A policy of {@code seconds} set at {@code now}; a timeout outside AWS's bounds is a ValidationException. */
    public static AutoTerminationPolicy of(long seconds, Instant now)
    {
        if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
            throw EmrysException.validation("The IdleTimeout %d is not valid: specify between %d and %d seconds.".formatted(seconds, MIN_SECONDS, MAX_SECONDS));
        }
        return new AutoTerminationPolicy(Duration.ofSeconds(seconds), now);
    }

    /** Whether a cluster idle since {@code idleSince} has been idle long enough to end at {@code now}. */
    boolean expired(Instant idleSince, Instant now)
    {
        Instant from = idleSince.isAfter(since) ? idleSince : since;
        return !now.isBefore(from.plus(idleTimeout));
    }
}
