package io.emrys.gateway;

import java.util.ArrayList;
import java.util.List;

/** Keeps every activity event as {@code "started <session> <method>"} / {@code "ended <session> <method>"}. */
final class RecordingActivity
        implements SessionActivity
{
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void callStarted(String sessionId, String method)
    {
        events.add("started " + sessionId + " " + method);
    }

    @Override
    public synchronized void callEnded(String sessionId, String method)
    {
        events.add("ended " + sessionId + " " + method);
    }

    synchronized List<String> events()
    {
        return List.copyOf(events);
    }

    synchronized void clear()
    {
        events.clear();
    }
}
