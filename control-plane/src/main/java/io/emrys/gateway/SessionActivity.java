package io.emrys.gateway;

/**
 * Told about every call the gateway forwards, so that the session service can show a session BUSY while an
 * operation runs and IDLE after it (and measure idle time for the idle timeout). {@link BusyIdleTracker} turns these
 * calls into BUSY and IDLE transitions.
 *
 * <p>Threading: both methods are called on Armeria's event loops, possibly concurrently for one session, so an
 * implementation must be thread-safe and must not block. {@code callEnded} is called exactly once for every
 * {@code callStarted}, whether the call succeeded, failed, was cancelled by the client or could not reach the driver.
 * Refused calls (no or bad token) are never reported.
 */
public interface SessionActivity
{
    /** Reports nothing: for a gateway whose sessions need no busy/idle tracking. */
    SessionActivity NONE = new SessionActivity()
    {
        @Override
        public void callStarted(String sessionId, String method) {}

        @Override
        public void callEnded(String sessionId, String method) {}
    };

    /**
     * @param method the gRPC method, such as {@code spark.connect.SparkConnectService/ExecutePlan}
     */
    void callStarted(String sessionId, String method);

    void callEnded(String sessionId, String method);
}
