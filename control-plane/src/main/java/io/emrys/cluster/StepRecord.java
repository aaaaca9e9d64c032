package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One step: PENDING → RUNNING → COMPLETED | FAILED, or PENDING → CANCELLED (CancelSteps, a failure with
 * CANCEL_AND_WAIT or TERMINATE_CLUSTER before it, the cluster's termination); a running step cut off by
 * TerminateJobFlows is CANCELLED too.
 */
public record StepRecord(String id, StepSpec spec, String state, Optional<FailureDetails> failure, Instant created, Optional<Instant> started,
        Optional<Instant> ended)
{
    public StepRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(spec, "spec is null");
        requireNonNull(state, "state is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(created, "created is null");
        requireNonNull(started, "started is null");
        requireNonNull(ended, "ended is null");
    }

    /** FailureDetails as DescribeStep shows them. */
    public record FailureDetails(String reason, String message, Optional<String> logFile)
    {
        public FailureDetails
        {
            requireNonNull(reason, "reason is null");
            requireNonNull(message, "message is null");
            requireNonNull(logFile, "logFile is null");
        }
    }

    boolean pending()
    {
        return state.equals("PENDING");
    }

    boolean finished()
    {
        return state.equals("COMPLETED") || state.equals("FAILED") || state.equals("CANCELLED") || state.equals("INTERRUPTED");
    }

    StepRecord running(Instant now)
    {
        return new StepRecord(id, spec, "RUNNING", failure, created, Optional.of(now), ended);
    }

    StepRecord ended(String finalState, Optional<FailureDetails> details, Instant now)
    {
        return new StepRecord(id, spec, finalState, details, created, started, Optional.of(now));
    }
}
