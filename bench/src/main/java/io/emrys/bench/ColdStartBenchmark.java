package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cold job turnaround: the same jar run through Emrys (entry point as a local path, and from {@code s3://} in the
 * embedded store) and with raw Spark, interleaved round by round so that a noisy neighbour on the machine hurts
 * all three alike. Warm-up rounds (page cache, the server's JIT) are run and discarded.
 */
final class ColdStartBenchmark
{
    private final EmrysJobRunner emrys;
    private final RawSparkRunner raw;
    private final String localEntryPoint;
    private final String s3EntryPoint;
    private final String sparkSubmitParameters;

    ColdStartBenchmark(EmrysJobRunner emrys, RawSparkRunner raw, String localEntryPoint, String s3EntryPoint, String sparkSubmitParameters)
    {
        this.emrys = requireNonNull(emrys, "emrys is null");
        this.raw = requireNonNull(raw, "raw is null");
        this.localEntryPoint = requireNonNull(localEntryPoint, "localEntryPoint is null");
        this.s3EntryPoint = requireNonNull(s3EntryPoint, "s3EntryPoint is null");
        this.sparkSubmitParameters = requireNonNull(sparkSubmitParameters, "sparkSubmitParameters is null");
    }

    record Results(List<EmrysJobRunner.Sample> emrysLocal, List<RawSparkRunner.Sample> raw, List<EmrysJobRunner.Sample> emrysS3)
    {
        Results
        {
            emrysLocal = List.copyOf(emrysLocal);
            raw = List.copyOf(raw);
            emrysS3 = List.copyOf(emrysS3);
        }

        /** The last Emrys run: a finished job run for the GetJobRun load. */
        String finishedJobRunId()
        {
            return emrysLocal.get(emrysLocal.size() - 1).jobRunId();
        }
    }

    Results run(int warmupRounds, int rounds)
            throws IOException, InterruptedException
    {
        List<EmrysJobRunner.Sample> local = new ArrayList<>();
        List<RawSparkRunner.Sample> rawSamples = new ArrayList<>();
        List<EmrysJobRunner.Sample> s3 = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            boolean measured = round >= warmupRounds;
            String label = measured ? "round " + (round - warmupRounds + 1) + "/" + rounds : "warm-up " + (round + 1) + "/" + warmupRounds;

            EmrysJobRunner.Sample fromLocal = emrys.run(localEntryPoint, sparkSubmitParameters);
            RawSparkRunner.Sample rawRun = raw.run(round);
            EmrysJobRunner.Sample fromS3 = emrys.run(s3EntryPoint, sparkSubmitParameters);
            System.err.printf("cold start %s: emrys(local) %d ms [to JVM %d, JVM %d, exit to SUCCESS %d], raw %d ms, emrys(s3) %d ms%n",
                    label, fromLocal.turnaroundMillis(), fromLocal.submitToJvmStartMillis(), fromLocal.jvmMillis(),
                    fromLocal.jvmExitToSuccessMillis(), rawRun.wallMillis(), fromS3.turnaroundMillis());
            if (measured) {
                local.add(fromLocal);
                rawSamples.add(rawRun);
                s3.add(fromS3);
            }
        }
        return new Results(local, rawSamples, s3);
    }
}
