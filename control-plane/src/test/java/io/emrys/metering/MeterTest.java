package io.emrys.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MeterTest
{
    private static final Instant START = Instant.parse("2026-11-21T10:00:00Z");
    // Long after every stopped worker, so that "now" cannot change their figures.
    private static final Instant LATER = START.plusSeconds(86_400);

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
        WorkerRecord running = new WorkerRecord("w", "app", Optional.of("run"), Optional.of(1), WorkerType.DRIVER, new WorkerSize(1, 1, 0), false,
                START, Optional.empty(), Optional.empty());

        assertThat(Meter.total(List.of(running), START.plusSeconds(1800)).vcpuHours()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void truncatesToWholeSeconds()
    {
        WorkerRecord worker = new WorkerRecord("w", "app", Optional.empty(), Optional.empty(), WorkerType.EXECUTOR, new WorkerSize(1, 1, 0), false,
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

    // The tests below give every worker a known life on fixed instants and check each figure in resource-seconds
    // (hours x 3600), so a rule that is off by one second fails.

    @Test
    void countsEachWholeSecondAndDropsTheFraction()
    {
        WorkerRecord worker = lived("w", WorkerType.DRIVER, 2, 3, 20, START, START.plusMillis(61_400));

        assertSeconds(Meter.total(List.of(worker), LATER), 2 * 61, 3 * 61, 20 * 61);
        // 61 s is above the minute, so billing counts the same 61 s (and no disk: 20 GB is free).
        assertSeconds(Meter.billed(List.of(worker), LATER), 2 * 61, 3 * 61, 0);
    }

    @Test
    void billsAWorkerThatLivedUnderAMinuteForOneMinute()
    {
        WorkerRecord worker = lived("w", WorkerType.EXECUTOR, 1, 2, 20, START, START.plusMillis(59_900));

        assertSeconds(Meter.total(List.of(worker), LATER), 59, 2 * 59, 20 * 59);
        assertSeconds(Meter.billed(List.of(worker), LATER), 60, 2 * 60, 0);
    }

    @Test
    void billsDiskAboveTwentyGigabytesPerWorkerNotPooled()
    {
        WorkerRecord large = lived("large", WorkerType.DRIVER, 1, 1, 30, START, START.plusSeconds(100));
        WorkerRecord small = lived("small", WorkerType.EXECUTOR, 1, 1, 15, START, START.plusSeconds(100));

        // 30 GB bills 10 GB; the 15 GB worker's unused free storage does not offset it.
        assertSeconds(Meter.billed(List.of(large, small), LATER), 200, 200, 10 * 100);
        assertSeconds(Meter.total(List.of(large, small), LATER), 200, 200, 45 * 100);
    }

    @Test
    void countsARunningWorkerUpToNowAndBillsAtLeastAMinuteOfIt()
    {
        WorkerRecord running = running("w", WorkerType.DRIVER, 2, 4, 20, START);

        assertSeconds(Meter.total(List.of(running), START.plusMillis(90_700)), 2 * 90, 4 * 90, 20 * 90);
        assertSeconds(Meter.total(List.of(running), START.plusSeconds(30)), 2 * 30, 4 * 30, 20 * 30);
        assertSeconds(Meter.billed(List.of(running), START.plusSeconds(30)), 2 * 60, 4 * 60, 0);
    }

    @Test
    void billsAPreInitializedWorkerToTheRunOnlyFromHandoff()
    {
        Instant handoff = START.plusSeconds(300);
        WorkerRecord warm = new WorkerRecord("w-idle", "app", Optional.empty(), Optional.empty(), WorkerType.DRIVER, new WorkerSize(2, 4, 20), true,
                START, Optional.empty(), Optional.empty());
        WorkerRecord idle = warm.stopped(handoff, "HANDED_OVER");
        WorkerRecord forRun = warm.handedTo("w-run", "run-1", 1, handoff).stopped(handoff.plusMillis(120_500), "SUCCESS");
        List<WorkerRecord> application = List.of(idle, forRun);
        // What WorkerDao.forRun returns: the records with the run's id.
        List<WorkerRecord> run = application.stream().filter(worker -> worker.jobRunId().equals(Optional.of("run-1"))).toList();

        assertThat(forRun.preInitialized()).isTrue();
        assertThat(forRun.startedAt()).isEqualTo(handoff);
        assertThat(run).containsExactly(forRun);
        assertSeconds(Meter.total(run, LATER), 2 * 120, 4 * 120, 20 * 120);
        assertSeconds(Meter.billed(run, LATER), 2 * 120, 4 * 120, 0);
        // The idle 300 s are still the application's: metering both records counts the worker's whole life.
        assertSeconds(Meter.total(application, LATER), 2 * 420, 4 * 420, 20 * 420);
    }

    @Test
    void refusesToHandARunsWorkerToAnotherRun()
    {
        WorkerRecord owned = running("w", WorkerType.EXECUTOR, 1, 1, 20, START);

        assertThatThrownBy(() -> owned.handedTo("w-2", "run-2", 1, START.plusSeconds(5))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void countsAnExecutorStoppedMidRunOnlyWhileItRan()
    {
        WorkerRecord driver = running("driver", WorkerType.DRIVER, 1, 2, 20, START);
        WorkerRecord executor = lived("executor", WorkerType.EXECUTOR, 2, 4, 20, START.plusSeconds(10), START.plusMillis(130_200));
        List<WorkerRecord> run = List.of(driver, executor);

        // At 200 s the driver has run 200 s, the executor 120 s and then stopped.
        assertSeconds(Meter.total(run, START.plusSeconds(200)), 200 + 2 * 120, 2 * 200 + 4 * 120, 20 * 200 + 20 * 120);
        assertThat(Meter.current(run)).isEqualTo(new ResourcesInUse(1, 1, 2, 20));
        WorkerRecord ended = driver.stopped(START.plusSeconds(600), "SUCCESS");
        assertSeconds(Meter.billed(List.of(ended, executor), LATER), 600 + 2 * 120, 2 * 600 + 4 * 120, 0);
    }

    @Test
    void sumsSeveralWorkersEachUnderItsOwnRules()
    {
        Instant now = START.plusSeconds(400);
        List<WorkerRecord> workers = List.of(
                lived("driver", WorkerType.DRIVER, 4, 16, 20, START, START.plusMillis(305_900)),
                lived("executor-1", WorkerType.EXECUTOR, 2, 8, 50, START.plusSeconds(5), START.plusSeconds(65)),
                lived("executor-2", WorkerType.EXECUTOR, 2, 8, 50, START.plusSeconds(5), START.plusMillis(35_500)),
                running("executor-3", WorkerType.EXECUTOR, 2, 8, 50, START.plusSeconds(100)));

        // Lives: 305 s, 60 s, 30 s (billed 60 s) and 300 s (running).
        assertSeconds(Meter.total(workers, now), 4 * 305 + 2 * (60 + 30 + 300), 16 * 305 + 8 * (60 + 30 + 300), 20 * 305 + 50 * (60 + 30 + 300));
        assertSeconds(Meter.billed(workers, now), 4 * 305 + 2 * (60 + 60 + 300), 16 * 305 + 8 * (60 + 60 + 300), 30 * (60 + 60 + 300));
    }

    @Test
    void currentSumsTheWorkersRunningNow()
    {
        List<WorkerRecord> workers = List.of(
                running("driver", WorkerType.DRIVER, 2, 4, 20, START),
                running("executor-1", WorkerType.EXECUTOR, 1, 1.5, 30, START.plusSeconds(5)),
                running("executor-2", WorkerType.EXECUTOR, 1, 1.5, 30, START.plusSeconds(5)),
                lived("executor-0", WorkerType.EXECUTOR, 4, 8, 20, START, START.plusSeconds(50)));

        assertThat(Meter.current(workers)).isEqualTo(new ResourcesInUse(3, 4, 7, 80));
        assertThat(Meter.current(List.of())).isEqualTo(ResourcesInUse.NONE);
    }

    private static void assertSeconds(ResourceUsage usage, double vcpuSeconds, double memoryGbSeconds, double storageGbSeconds)
    {
        assertThat(usage.vcpuHours() * 3600).as("vCPU-seconds").isCloseTo(vcpuSeconds, within(1e-6));
        assertThat(usage.memoryGbHours() * 3600).as("memory GB-seconds").isCloseTo(memoryGbSeconds, within(1e-6));
        assertThat(usage.storageGbHours() * 3600).as("storage GB-seconds").isCloseTo(storageGbSeconds, within(1e-6));
    }

    private static WorkerRecord lived(String id, WorkerType type, double vcpu, double memoryGb, double diskGb, Instant started, Instant stopped)
    {
        return running(id, type, vcpu, memoryGb, diskGb, started).stopped(stopped, "SUCCESS");
    }

    private static WorkerRecord running(String id, WorkerType type, double vcpu, double memoryGb, double diskGb, Instant started)
    {
        return new WorkerRecord(id, "app", Optional.of("run"), Optional.of(1), type, new WorkerSize(vcpu, memoryGb, diskGb), false, started,
                Optional.empty(), Optional.empty());
    }

    private static WorkerRecord worker(double vcpu, double memoryGb, double diskGb, long seconds)
    {
        return new WorkerRecord("w-" + vcpu + "-" + seconds, "app", Optional.of("run"), Optional.of(1), WorkerType.DRIVER, new WorkerSize(vcpu, memoryGb, diskGb),
                false, START, Optional.of(START.plusSeconds(seconds)), Optional.of("SUCCESS"));
    }
}
