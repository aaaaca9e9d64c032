package io.emrys.common;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a process the control plane started to end. */
public final class ProcessExits
{
    private ProcessExits() {}

    /**
     * Whether the process has ended within {@code timeout}. An interrupted wait keeps the thread's interrupt status
     * and answers whether the process is gone by then, so a stop that is interrupted still reports honestly.
     */
    public static boolean await(ProcessHandle handle, Duration timeout)
    {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (TimeoutException | ExecutionException e) {
            return !handle.isAlive();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
