package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.driver.ExecutorPlacement;

/**
 * Where a cold driver's executors go, and the worker sizes its reservation was made for. Its placement's master
 * may still be starting (the first work of an application): a driver started on it waits for the master itself,
 * and whoever starts one calls {@link #awaitMaster} after, so that a host that fails fails the work too.
 */
public record ColdPlacement(ExecutorPlacement placement, WorkerSpec driver, WorkerSpec executor, HostStart host)
{
    public ColdPlacement
    {
        requireNonNull(placement, "placement is null");
        requireNonNull(driver, "driver is null");
        requireNonNull(executor, "executor is null");
        requireNonNull(host, "host is null");
    }

    /** Waits until the standalone master runs; INTERNAL when its host ended first or did not start in time. */
    public void awaitMaster()
    {
        host.awaitMasterUrl();
    }
}
