package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's start to its first {@code SELECT 1} result three ways, interleaved round by round: on an application
 * with pre-initialized capacity (warm), on a STARTED application without it (cold), and a raw Spark Connect server
 * started from the same runtime and connected to directly ({@link RawConnectServer}, the same measurement as the
 * cold-session benchmark's). The pool is awaited before the warm run and again after it, as in
 * {@link CapacityJobBenchmark}.
 *
 * <p>Before the measured rounds: the discarded warm-up rounds, then cold sessions until the server keeps a class-data
 * archive for Connect servers (at most three), so that the measured cold sessions map one, as they do in use.
 */
final class CapacitySessionBenchmark
{
    private static final int MAX_RECORDING_SESSIONS = 3;

    private final EmrysSessionRunner warm;
    private final EmrysSessionRunner cold;
    private final RawConnectServer raw;
    private final WarmPool pool;
    private final String warmApplicationId;
    private final Duration refillTimeout;
    private final int fullPool;

    /** @param fullPool the ready warm drivers the application had at rest: awaited before and after each warm run (at least 1) */
    CapacitySessionBenchmark(EmrysSessionRunner warm, EmrysSessionRunner cold, RawConnectServer raw, WarmPool pool, String warmApplicationId,
            Duration refillTimeout, int fullPool)
    {
        this.warm = requireNonNull(warm, "warm is null");
        this.cold = requireNonNull(cold, "cold is null");
        this.raw = requireNonNull(raw, "raw is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.warmApplicationId = requireNonNull(warmApplicationId, "warmApplicationId is null");
        this.refillTimeout = requireNonNull(refillTimeout, "refillTimeout is null");
        this.fullPool = Math.max(1, fullPool);
    }

    /** @param readyBefore whether the pool had a ready, unassigned driver when the session was started */
    record WarmSample(EmrysSessionRunner.FirstResult run, boolean readyBefore)
    {
        WarmSample
        {
            requireNonNull(run, "run is null");
        }
    }

    record Results(List<WarmSample> warm, List<EmrysSessionRunner.FirstResult> cold, List<RawConnectServer.Sample> raw)
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
        List<EmrysSessionRunner.FirstResult> coldSamples = new ArrayList<>();
        List<RawConnectServer.Sample> rawSamples = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            boolean measured = round >= warmupRounds;
            if (round == warmupRounds) {
                recordArchive();
            }
            String label = measured ? "round " + (round - warmupRounds + 1) + "/" + rounds : "warm-up " + (round + 1) + "/" + warmupRounds + " (discarded)";

            boolean ready = pool.awaitReadyDrivers(warmApplicationId, fullPool, refillTimeout);
            WarmSample warmRun = new WarmSample(warm.firstResult(pool), ready);
            pool.awaitReadyDrivers(warmApplicationId, fullPool, refillTimeout);
            EmrysSessionRunner.FirstResult coldRun = cold.firstResult(pool);
            RawConnectServer.Sample rawRun = raw.coldRun(round);
            System.err.printf("capacity session %s: warm %d ms [to IDLE %d; ready driver before: %s, took a warm driver: %s], cold %d ms [to IDLE %d], "
                            + "raw %d ms [port open %d]%n", label, warmRun.run().totalMillis(), warmRun.run().submitToIdleMillis(), ready,
                    warmRun.run().warmDriver(), coldRun.totalMillis(), coldRun.submitToIdleMillis(), rawRun.totalMillis(), rawRun.portOpenMillis());
            if (measured) {
                warmSamples.add(warmRun);
                coldSamples.add(coldRun);
                rawSamples.add(rawRun);
            }
        }
        return new Results(warmSamples, coldSamples, rawSamples);
    }

    /** Cold sessions until the server keeps a class-data archive (it does after a clean driver exit), at most three. */
    private void recordArchive()
            throws IOException, InterruptedException
    {
        for (int attempt = 1; attempt <= MAX_RECORDING_SESSIONS && cold.archive().isEmpty(); attempt++) {
            EmrysSessionRunner.FirstResult recording = cold.firstResult(pool);
            System.err.printf("capacity session: cold session %d ms recording the class-data archive (discarded), kept: %s%n", recording.totalMillis(),
                    cold.archive().isPresent());
        }
    }
}
