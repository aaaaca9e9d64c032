package io.emrys.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MeterTest
{
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void countsUsagePerSecondOfEachWorker()
    {
        WorkerRecord driver = worker(4, 16, 20, 90);
        ResourceUsage total = Meter.total(List.of(driver), START.plusSeconds(1000));

        assertThat(total.vcpuHours()).isCloseTo(4 * 90 / 3600.0, within(1e-12));
        assertThat(total.memoryGbHours()).isCloseTo(16 * 90 / 3600.0, within(1e-12));
        assertThat(total.storageGbHours()).isCloseTo(20 * 90 / 3600.0, within(1e-12));
    }

    @Test
    void billsAtLeastOneMinutePerWorker()
    {
        WorkerRecord shortLived = worker(2, 4, 20, 7);
        ResourceUsage billed = Meter.billed(List.of(shortLived), START.plusSeconds(1000));

        assertThat(billed.vcpuHours()).isCloseTo(2 * 60 / 3600.0, within(1e-12));
        assertThat(billed.memoryGbHours()).isCloseTo(4 * 60 / 3600.0, within(1e-12));
    }

    @Test
    void billsOnlyStorageAboveTwentyGigabytes()
    {
        WorkerRecord small = worker(1, 2, 20, 3600);
        WorkerRecord large = worker(1, 2, 50, 3600);

        assertThat(Meter.billed(List.of(small), START.plusSeconds(7200)).storageGbHours()).isZero();
        assertThat(Meter.billed(List.of(large), START.plusSeconds(7200)).storageGbHours()).isCloseTo(30.0, within(1e-12));
        assertThat(Meter.total(List.of(large), START.plusSeconds(7200)).storageGbHours()).isCloseTo(50.0, within(1e-12));
    }

    @Test
    void countsARunningWorkerUpToNow()
    {
        WorkerRecord running = new WorkerRecord("w", "app", Optional.of("run"), Optional.of(1), WorkerType.DRIVER, 1, 1, 0, false,
                START, Optional.empty(), Optional.empty());

        assertThat(Meter.total(List.of(running), START.plusSeconds(1800)).vcpuHours()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void truncatesToWholeSeconds()
    {
        WorkerRecord worker = new WorkerRecord("w", "app", Optional.empty(), Optional.empty(), WorkerType.EXECUTOR, 1, 1, 0, false,
                START, Optional.of(START.plusMillis(3_999)), Optional.of("done"));

        assertThat(Meter.total(List.of(worker), START).vcpuHours()).isCloseTo(3 / 3600.0, within(1e-12));
    }

    @Test
    void sumsAllWorkers()
    {
        ResourceUsage billed = Meter.billed(List.of(worker(1, 4, 20, 30), worker(2, 8, 20, 120)), START.plusSeconds(500));

        assertThat(billed.vcpuHours()).isCloseTo((1 * 60 + 2 * 120) / 3600.0, within(1e-12));
        assertThat(billed.memoryGbHours()).isCloseTo((4 * 60 + 8 * 120) / 3600.0, within(1e-12));
    }

    private static WorkerRecord worker(double vcpu, double memoryGb, double diskGb, long seconds)
    {
        return new WorkerRecord("w-" + vcpu + "-" + seconds, "app", Optional.of("run"), Optional.of(1), WorkerType.DRIVER, vcpu, memoryGb, diskGb,
                false, START, Optional.of(START.plusSeconds(seconds)), Optional.of("SUCCESS"));
    }
}
