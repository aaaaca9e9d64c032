package io.emrys.session;

/** The lifecycle of an interactive session. Only TERMINATING to TERMINATED is documented by AWS; the rest follows the API's enum order. */
public enum SessionState
{
    /** Accepted and stored; its driver has not been started. */
    SUBMITTED,
    /** Its Spark Connect driver is starting. */
    STARTING,
    /** Its driver accepts connections (passed through on the way to IDLE). */
    STARTED,
    /** Connectable, and no operation is running; the idle timeout counts from {@code idleSince}. */
    IDLE,
    /** An operation is running through the gateway. */
    BUSY,
    /** The driver could not start or died; stateDetails says why. Terminal. */
    FAILED,
    /** Its driver is being stopped. */
    TERMINATING,
    /** Ended. Terminal; its Spark UI stays available from the history server. */
    TERMINATED;

    public boolean isTerminal()
    {
        return this == FAILED || this == TERMINATED;
    }

    /** Whether a client can connect to it now. */
    public boolean isConnectable()
    {
        return this == STARTED || this == IDLE || this == BUSY;
    }
}
