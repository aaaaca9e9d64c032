package io.emrys.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** Which audit events a query returns, newest first; every present part must match. */
public record AuditFilter(Optional<String> principalArn, Optional<String> action, boolean deniedOnly, Optional<Instant> since, int limit)
{
    public AuditFilter
    {
        requireNonNull(principalArn, "principalArn is null");
        requireNonNull(action, "action is null");
        requireNonNull(since, "since is null");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
    }

    public static AuditFilter all(int limit)
    {
        return new AuditFilter(Optional.empty(), Optional.empty(), false, Optional.empty(), limit);
    }
}
