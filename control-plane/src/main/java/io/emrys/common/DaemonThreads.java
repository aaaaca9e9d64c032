package io.emrys.common;

import java.util.concurrent.ThreadFactory;

/** Threads named {@code emrys-<name>} that do not keep the JVM alive: the server's shutdown stops their work. */
public final class DaemonThreads
{
    private DaemonThreads() {}

    public static ThreadFactory named(String name)
    {
        return runnable -> {
            Thread thread = new Thread(runnable, "emrys-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
