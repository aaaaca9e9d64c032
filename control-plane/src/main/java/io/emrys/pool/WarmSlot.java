package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.warm.WarmDriver;
import java.nio.file.Path;
import java.util.Map;

/** One warm driver of an application's pool, from its start until a run takes it or it ends. */
final class WarmSlot
{
    enum State { STARTING, READY, TAKEN, ENDED }

    private final String workerId;
    private final Path workDir;
    private final WarmDriver driver;
    private final Map<String, String> baseline;
    private final WorkerSpec driverSpec;
    private final WorkerSpec executorSpec;
    private final ExecutorRecorder executors;
    private State state = State.STARTING;

    WarmSlot(String workerId, Path workDir, WarmDriver driver, Map<String, String> baseline, WorkerSpec driverSpec,
            WorkerSpec executorSpec, ExecutorRecorder executors)
    {
        this.workerId = requireNonNull(workerId, "workerId is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.driver = requireNonNull(driver, "driver is null");
        this.baseline = Map.copyOf(requireNonNull(baseline, "baseline is null"));
        this.driverSpec = requireNonNull(driverSpec, "driverSpec is null");
        this.executorSpec = requireNonNull(executorSpec, "executorSpec is null");
        this.executors = requireNonNull(executors, "executors is null");
    }

    String workerId()
    {
        return workerId;
    }

    Path workDir()
    {
        return workDir;
    }

    WarmDriver driver()
    {
        return driver;
    }

    /** The Spark properties the driver was started with, before Emrys's per-driver settings. */
    Map<String, String> baseline()
    {
        return baseline;
    }

    WorkerSpec driverSpec()
    {
        return driverSpec;
    }

    WorkerSpec executorSpec()
    {
        return executorSpec;
    }

    ExecutorRecorder executors()
    {
        return executors;
    }

    synchronized State state()
    {
        return state;
    }

    /** STARTING becomes READY; false when the slot was taken or ended meanwhile. */
    synchronized boolean markReady()
    {
        if (state != State.STARTING) {
            return false;
        }
        state = State.READY;
        return true;
    }

    /** READY becomes TAKEN, once. */
    synchronized boolean take()
    {
        if (state != State.READY) {
            return false;
        }
        state = State.TAKEN;
        return true;
    }

    /** Marks the end; returns the state it ended from. */
    synchronized State end()
    {
        State previous = state;
        state = State.ENDED;
        return previous;
    }
}
