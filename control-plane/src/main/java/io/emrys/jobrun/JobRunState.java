package io.emrys.jobrun;

/** The lifecycle of one job run attempt, as AWS documents it. */
public enum JobRunState
{
    /** Accepted and stored; nothing has been done for it yet. */
    SUBMITTED(false),
    /** Waiting for a slot under the application's scheduler limits (issue C). */
    QUEUED(false),
    /** Picked up by the runner; its driver is about to be prepared. */
    PENDING(false),
    /** Its driver's resources are reserved and the driver process is being launched. */
    SCHEDULED(false),
    /** Its driver process is running. */
    RUNNING(false),
    /** The driver exited with status 0. Terminal. */
    SUCCESS(true),
    /** The driver failed, could not start, or was lost; stateDetails says which. Terminal. */
    FAILED(true),
    /** A cancel (by CancelJobRun or the execution timeout) is stopping the driver. */
    CANCELLING(false),
    /** Cancelled. Terminal. */
    CANCELLED(true);

    private final boolean terminal;

    JobRunState(boolean terminal)
    {
        this.terminal = terminal;
    }

    public boolean isTerminal()
    {
        return terminal;
    }
}
