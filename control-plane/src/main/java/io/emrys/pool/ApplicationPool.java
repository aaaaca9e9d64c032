package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.standalone.StandaloneHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The compute one application holds: its Spark standalone host (master and worker, started on first need), its
 * warm drivers, and how many warm drivers it should keep. Guarded by its own monitor.
 */
final class ApplicationPool
{
    private final String applicationId;
    private final List<WarmSlot> slots = new ArrayList<>();
    private final Object refillLock = new Object();
    private Optional<CompletableFuture<StandaloneHost>> host = Optional.empty();
    private CompletableFuture<Optional<String>> warmUp = CompletableFuture.completedFuture(Optional.empty());
    private int targetWarmDrivers;
    private int warmExecutorsPerDriver;
    private int consecutiveWarmFailures;
    private boolean active;

    ApplicationPool(String applicationId)
    {
        this.applicationId = requireNonNull(applicationId, "applicationId is null");
    }

    String applicationId()
    {
        return applicationId;
    }

    /** Held while deciding how many warm drivers to start and starting them. */
    Object refillLock()
    {
        return refillLock;
    }

    synchronized void activate(int warmDrivers, int executorsPerDriver)
    {
        active = true;
        targetWarmDrivers = warmDrivers;
        warmExecutorsPerDriver = executorsPerDriver;
        consecutiveWarmFailures = 0;
    }

    /** The application is stopping: no refills; returns the slots and host to stop. */
    synchronized List<WarmSlot> deactivate()
    {
        active = false;
        targetWarmDrivers = 0;
        List<WarmSlot> all = new ArrayList<>(slots);
        slots.clear();
        return all;
    }

    synchronized boolean isActive()
    {
        return active;
    }

    synchronized Optional<CompletableFuture<StandaloneHost>> host()
    {
        return host;
    }

    synchronized void setHost(CompletableFuture<StandaloneHost> started)
    {
        host = Optional.of(started);
    }

    synchronized Optional<CompletableFuture<StandaloneHost>> removeHost()
    {
        Optional<CompletableFuture<StandaloneHost>> removed = host;
        host = Optional.empty();
        return removed;
    }

    synchronized CompletableFuture<Optional<String>> warmUp()
    {
        return warmUp;
    }

    synchronized void setWarmUp(CompletableFuture<Optional<String>> future)
    {
        warmUp = future;
    }

    synchronized void add(WarmSlot slot)
    {
        slots.add(slot);
    }

    synchronized void remove(WarmSlot slot)
    {
        slots.remove(slot);
    }

    /** Takes the first ready slot that {@code fits}; the slot leaves the pool. */
    synchronized Optional<WarmSlot> take(Predicate<WarmSlot> fits)
    {
        for (WarmSlot slot : slots) {
            if (slot.state() == WarmSlot.State.READY && fits.test(slot) && slot.take()) {
                slots.remove(slot);
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    synchronized List<WarmSlot> slots()
    {
        return List.copyOf(slots);
    }

    /** How many more warm drivers to start now to reach the target. */
    synchronized int missingWarmDrivers()
    {
        return active ? Math.max(0, targetWarmDrivers - slots.size()) : 0;
    }

    synchronized int warmExecutorsPerDriver()
    {
        return warmExecutorsPerDriver;
    }

    synchronized int targetWarmDrivers()
    {
        return targetWarmDrivers;
    }

    /** Counts a warm driver that failed before it was ready; true while replacing it is still worth trying. */
    synchronized boolean warmFailed(int limit)
    {
        consecutiveWarmFailures++;
        return consecutiveWarmFailures <= limit;
    }

    synchronized void warmSucceeded()
    {
        consecutiveWarmFailures = 0;
    }
}
