package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One instance: a node process of the cluster (the master, or one worker) and what it offers Spark after scaling.
 *
 * @param ec2InstanceId {@code i-} and 17 hex digits, as EC2 forms them
 * @param pid the node's process while it runs
 */
public record InstanceRecord(String id, String ec2InstanceId, String groupId, String role, String market, String instanceType, int cores,
        long memoryMb, String state, Optional<StatusReason> reason, Optional<Long> pid, Instant created, Optional<Instant> ready, Optional<Instant> ended)
{
    public InstanceRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(ec2InstanceId, "ec2InstanceId is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(role, "role is null");
        requireNonNull(market, "market is null");
        requireNonNull(instanceType, "instanceType is null");
        requireNonNull(state, "state is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(created, "created is null");
        requireNonNull(ready, "ready is null");
        requireNonNull(ended, "ended is null");
    }

    boolean terminated()
    {
        return state.equals("TERMINATED");
    }

    InstanceRecord withState(String next, long processId)
    {
        return new InstanceRecord(id, ec2InstanceId, groupId, role, market, instanceType, cores, memoryMb, next, reason, Optional.of(processId), created, ready, ended);
    }

    InstanceRecord running(Instant now)
    {
        return new InstanceRecord(id, ec2InstanceId, groupId, role, market, instanceType, cores, memoryMb, "RUNNING", reason, pid, created, Optional.of(now), ended);
    }

    InstanceRecord terminated(StatusReason why, Instant now)
    {
        return new InstanceRecord(id, ec2InstanceId, groupId, role, market, instanceType, cores, memoryMb, "TERMINATED", Optional.of(why), Optional.empty(),
                created, ready, Optional.of(now));
    }
}
