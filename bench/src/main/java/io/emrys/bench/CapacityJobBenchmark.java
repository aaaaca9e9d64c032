package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The trivial job three ways, interleaved round by round: on an application with pre-initialized capacity (warm), on
 * a STARTED application without it (cold), and with raw Spark from the same runtime ({@link RawSparkRunner}, the same
 * measurement as the cold-start benchmark's). Before the warm run the harness waits until the pool has as many ready,
 * unassigned drivers as at rest, so that each warm run really finds one; after it, it waits again, so that the pool's
 * refill (a JVM starting in the background) does not run beside the cold and raw measurements on this small machine.
 * A {@link RunCheck} looks at each run's output after it (unmeasured), so that a broken run is never reported.
 */
final class CapacityJobBenchmark
{
    private final EmrysJobRunner warm;
    private final EmrysJobRunner cold;
    private final RawSparkRunner raw;
    private final WarmPool pool;
    private final String entryPoint;
    private final String sparkSubmitParameters;
    private final Duration refillTimeout;
    private final int fullPool;
    private final RunCheck check;

    /**
     * What the harness checks of each run once it ended, outside the measurement: the output a job printed, and for
     * Emrys runs whether the driver really was warm. {@link #NONE} trusts SUCCESS and the pool's assignment.
     */
    interface RunCheck
    {
        RunCheck NONE = new RunCheck()
        {
            @Override
            public EmrysJobRunner.Turnaround emrys(EmrysJobRunner runner, EmrysJobRunner.Turnaround run)
            {
                return run;
            }

            @Override
            public void raw(RawSparkRunner.Sample run) {}
        };

        /** Throws when the run's output is wrong; returns the run, its {@code warmDriver} cleared when its driver's log shows no warm start. */
        EmrysJobRunner.Turnaround emrys(EmrysJobRunner runner, EmrysJobRunner.Turnaround run)
                throws IOException, InterruptedException;

        /** Throws when the run's output is wrong. */
        void raw(RawSparkRunner.Sample run)
                throws IOException;
    }

    CapacityJobBenchmark(EmrysJobRunner warm, EmrysJobRunner cold, RawSparkRunner raw, WarmPool pool, String entryPoint, String sparkSubmitParameters,
            Duration refillTimeout, int fullPool)
    {
        this(warm, cold, raw, pool, entryPoint, sparkSubmitParameters, refillTimeout, fullPool, RunCheck.NONE);
    }

    /** @param fullPool the ready warm drivers the application had at rest: awaited before and after each warm run (at least 1) */
    CapacityJobBenchmark(EmrysJobRunner warm, EmrysJobRunner cold, RawSparkRunner raw, WarmPool pool, String entryPoint, String sparkSubmitParameters,
            Duration refillTimeout, int fullPool, RunCheck check)
    {
        this.check = requireNonNull(check, "check is null");
        this.warm = requireNonNull(warm, "warm is null");
        this.cold = requireNonNull(cold, "cold is null");
        this.raw = requireNonNull(raw, "raw is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.entryPoint = requireNonNull(entryPoint, "entryPoint is null");
        this.sparkSubmitParameters = requireNonNull(sparkSubmitParameters, "sparkSubmitParameters is null");
        this.refillTimeout = requireNonNull(refillTimeout, "refillTimeout is null");
        this.fullPool = Math.max(1, fullPool);
    }

    /** @param readyBefore whether the pool had a ready, unassigned driver when the run was submitted */
    record WarmSample(EmrysJobRunner.Turnaround run, boolean readyBefore)
    {
        WarmSample
        {
            requireNonNull(run, "run is null");
        }
    }

    record Results(List<WarmSample> warm, List<EmrysJobRunner.Turnaround> cold, List<RawSparkRunner.Sample> raw)
    {
        Results
        {
            warm = List.copyOf(warm);
            cold = List.copyOf(cold);
            raw = List.copyOf(raw);
        }
    }

    Results run(int warmupRounds, int rounds)
            throws IOException, InterruptedException
    {
        List<WarmSample> warmSamples = new ArrayList<>();
        List<EmrysJobRunner.Turnaround> coldSamples = new ArrayList<>();
        List<RawSparkRunner.Sample> rawSamples = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            boolean measured = round >= warmupRounds;
            String label = measured ? "round " + (round - warmupRounds + 1) + "/" + rounds : "warm-up " + (round + 1) + "/" + warmupRounds + " (discarded)";

            boolean ready = pool.awaitReadyDrivers(warm.applicationId(), fullPool, refillTimeout);
            WarmSample warmRun = new WarmSample(check.emrys(warm, warm.turnaround(entryPoint, sparkSubmitParameters, pool)), ready);
            pool.awaitReadyDrivers(warm.applicationId(), fullPool, refillTimeout);
            EmrysJobRunner.Turnaround coldRun = check.emrys(cold, cold.turnaround(entryPoint, sparkSubmitParameters, pool));
            RawSparkRunner.Sample rawRun = raw.run(round);
            check.raw(rawRun);
            System.err.printf("capacity job %s: warm %d ms [ready driver before: %s, took a warm driver: %s], cold %d ms, raw %d ms%n", label,
                    warmRun.run().turnaroundMillis(), ready, warmRun.run().warmDriver(), coldRun.turnaroundMillis(), rawRun.wallMillis());
            if (measured) {
                warmSamples.add(warmRun);
                coldSamples.add(coldRun);
                rawSamples.add(rawRun);
            }
        }
        return new Results(warmSamples, coldSamples, rawSamples);
    }
}
