package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.driver.ExecutorPlacement;

/** Where a cold driver's executors go, and the worker sizes its reservation was made for. */
public record ColdPlacement(ExecutorPlacement placement, WorkerSpec driver, WorkerSpec executor)
{
    public ColdPlacement
    {
        requireNonNull(placement, "placement is null");
        requireNonNull(driver, "driver is null");
        requireNonNull(executor, "executor is null");
    }
}
