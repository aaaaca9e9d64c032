package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.driver.ExecutorPlacement;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.nio.file.Path;
import java.util.Map;

/**
 * Admits cold drivers into their application's maximum capacity: reserves the driver and its executor ceiling in
 * the {@link CapacityLedger}, waiting while they do not fit ({@link CapacityWaiter}).
 */
final class ColdAdmission
{
    private final StandaloneHosts hosts;
    private final CapacityLedger ledger;
    private final CapacityWaiter waiter;

    ColdAdmission(StandaloneHosts hosts, CapacityLedger ledger, CapacityWaiter waiter)
    {
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.ledger = requireNonNull(ledger, "ledger is null");
        this.waiter = requireNonNull(waiter, "waiter is null");
    }

    /** See {@link ComputePools#reserveCold}. */
    ColdPlacement reserve(Application application, WorkOwner owner, Map<String, String> wanted, Path workDir)
    {
        // started, not awaited: a cold driver's own start overlaps its host's (see ColdPlacement)
        HostStart host = hosts.start(application);
        WorkerSpec driver = WorkerSizes.driver(application.configuration(), wanted);
        WorkerSpec executor = WorkerSizes.executor(application.configuration(), wanted);
        Capacity maximum = WorkerSizes.maximum(application.configuration());
        boolean dynamic = !"false".equalsIgnoreCase(wanted.getOrDefault("spark.dynamicAllocation.enabled", "true").strip());
        int min = dynamic
                ? DriverRequests.intProperty(wanted, "spark.dynamicAllocation.minExecutors", 0)
                : DriverRequests.intProperty(wanted, "spark.executor.instances", 1);
        // Without a maxExecutors of its own a driver reserves at most half of what the empty application could
        // hold (at least one executor), so that one job cannot keep every other job of the application waiting.
        int defaultMax = Math.max(Math.max(1, min), DriverRequests.executorShare(maximum, driver, executor, 1) / 2);
        int wantedMax = dynamic ? DriverRequests.intProperty(wanted, "spark.dynamicAllocation.maxExecutors", defaultMax) : Math.max(1, min);
        if (wantedMax < Math.max(1, min)) {
            throw EmrysException.validation("spark.dynamicAllocation.maxExecutors (%d) must be at least 1 and at least spark.dynamicAllocation.minExecutors (%d)"
                    .formatted(wantedMax, min));
        }
        Capacity smallest = driver.capacity().plus(executor.capacity().times(Math.max(1, min)));
        if (!smallest.fitsIn(maximum)) {
            throw EmrysException.validation(("The driver (%s) and %d executor(s) (%s each) do not fit in the application's maximumCapacity (%s)")
                    .formatted(driver.capacity(), Math.max(1, min), executor.capacity(), maximum));
        }
        if (!new Capacity(smallest.vcpu(), 0, 0).fitsIn(ledger.accountLimit())) {
            throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, ("The driver (%s) and %d executor(s) (%s each) need more vCPU than the account's "
                    + "quota of concurrent vCPUs (%s) allows").formatted(driver.capacity(), Math.max(1, min), executor.capacity(), formatVcpu(ledger.accountLimit().vcpu())));
        }
        Reservation reservation = waiter.reserve(application.id().value(), owner.reservationKey(), maximum, driver.capacity(), executor.capacity(),
                min, wantedMax);
        int initial = dynamic
                ? Math.min(reservation.maxExecutors(), Math.max(min, DriverRequests.intProperty(wanted, "spark.dynamicAllocation.initialExecutors", Math.max(min, 1))))
                : reservation.maxExecutors();
        ExecutorPlacement placement = new ExecutorPlacement(host.master(), executor.cores(), new MemorySize(executor.memoryMb()), min, initial,
                reservation.maxExecutors(), workDir.resolve(ExecutorTracking.EVENTS_FILE), hosts.authSecretFile(application));
        return new ColdPlacement(placement, driver, executor, host);
    }

    /** A driver that launching failed for: frees what {@link #reserve} reserved. */
    void abandon(WorkOwner owner)
    {
        ledger.release(owner.reservationKey());
    }

    static String formatVcpu(double vcpu)
    {
        return vcpu == Math.rint(vcpu) ? (long) vcpu + " vCPU" : vcpu + " vCPU";
    }
}
