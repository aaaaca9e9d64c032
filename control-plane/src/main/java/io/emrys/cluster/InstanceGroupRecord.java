package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/** One instance group as ListInstanceGroups shows it; its running count is counted from its instances. */
public record InstanceGroupRecord(String id, GroupSpec spec, String state, Optional<StatusReason> reason, Instant created, Optional<Instant> ready,
        Optional<Instant> ended)
{
    public InstanceGroupRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(created, "created is null");
        requireNonNull(ready, "ready is null");
        requireNonNull(ended, "ended is null");
    }

    InstanceGroupRecord withState(String next)
    {
        return new InstanceGroupRecord(id, spec, next, reason, created, ready, ended);
    }

    InstanceGroupRecord running(Instant now)
    {
        return new InstanceGroupRecord(id, spec, "RUNNING", Optional.empty(), created, ready.isPresent() ? ready : Optional.of(now), ended);
    }

    InstanceGroupRecord ended(StatusReason why, Instant now)
    {
        return new InstanceGroupRecord(id, spec, "TERMINATED", Optional.of(why), created, ready, Optional.of(now));
    }
}
