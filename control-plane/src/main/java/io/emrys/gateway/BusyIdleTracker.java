package io.emrys.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Counts the calls in flight per session and reports a session BUSY when its first call starts and IDLE when its
 * last call ends. A Spark Connect client runs one query as several calls (ExecutePlan, then ReattachExecute every
 * couple of minutes for long results, then ReleaseExecute), so a session can flicker IDLE between two of them;
 * whoever records the state may want to debounce IDLE.
 */
public final class BusyIdleTracker
        implements SessionActivity
{
    /**
     * Receives the transitions, in the order the session's counter moved. Called on the gateway's event loops while
     * this tracker holds a lock for the session: must be quick and must not call back into the tracker.
     */
    public interface Listener
    {
        void busy(String sessionId);

        void idle(String sessionId);
    }

    private final Listener listener;
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();

    public BusyIdleTracker(Listener listener)
    {
        this.listener = requireNonNull(listener, "listener is null");
    }

    @Override
    public void callStarted(String sessionId, String method)
    {
        requireNonNull(sessionId, "sessionId is null");
        // The listener runs inside compute(), under the map's lock for this key: a start and an end racing on two
        // event loops can then never report IDLE before the BUSY it follows.
        inFlight.compute(sessionId, (id, count) -> {
            if (count == null) {
                listener.busy(id);
                return 1;
            }
            return count + 1;
        });
    }

    @Override
    public void callEnded(String sessionId, String method)
    {
        requireNonNull(sessionId, "sessionId is null");
        inFlight.computeIfPresent(sessionId, (id, count) -> {
            if (count == 1) {
                listener.idle(id);
                // Idle sessions are forgotten, so ended sessions leave nothing behind.
                return null;
            }
            return count - 1;
        });
    }

    /**
     * The calls of this session now in flight. Waits for a change of its count in progress: the listener is told of
     * a change before the count is stored, and whoever it hands the change to reads the count here.
     */
    public int inFlight(String sessionId)
    {
        // compute() takes the key's lock, so it returns only after a compute() under way for the key has finished
        Integer count = inFlight.compute(sessionId, (id, current) -> current);
        return count == null ? 0 : count;
    }
}
