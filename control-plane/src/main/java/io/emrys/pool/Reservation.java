package io.emrys.pool;

import static java.util.Objects.requireNonNull;

/**
 * The capacity one driver holds within its application's maximum: itself plus room for up to
 * {@code maxExecutors} executors (its dynamic-allocation ceiling), whether or not they are running yet.
 *
 * @param owner who holds it: a job run attempt, a session, or a pre-initialized (warm) driver
 */
public record Reservation(String applicationId, String owner, Capacity driver, Capacity executor, int maxExecutors)
{
    public Reservation
    {
        requireNonNull(applicationId, "applicationId is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(driver, "driver is null");
        requireNonNull(executor, "executor is null");
        if (maxExecutors < 0) {
            throw new IllegalArgumentException("maxExecutors must not be negative: " + maxExecutors);
        }
    }

    public Capacity total()
    {
        return driver.plus(executor.times(maxExecutors));
    }

    Reservation withOwner(String newOwner)
    {
        return new Reservation(applicationId, newOwner, driver, executor, maxExecutors);
    }
}
