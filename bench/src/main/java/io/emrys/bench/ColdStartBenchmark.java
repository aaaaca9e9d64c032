package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Cold job turnaround: the same jar run through Emrys (entry point as a local path, and from {@code s3://} in the
 * embedded store) and with raw Spark, interleaved round by round so that a noisy neighbour on the machine hurts
 * all alike. Each round also runs the job as the first job of a fresh application, whose standalone host starts
 * with it (what a newcomer's first job is). Warm-up rounds (page cache, the server's JIT) are run and discarded.
 */
final class ColdStartBenchmark
{
    private final EmrysJobRunner emrys;
    private final RawSparkRunner raw;
    private final String localEntryPoint;
    private final String s3EntryPoint;
    private final String sparkSubmitParameters;
    private final Supplier<EmrysJobRunner> freshApplication;

    /** @param freshApplication a runner on an application of its own, created for each call */
    ColdStartBenchmark(EmrysJobRunner emrys, RawSparkRunner raw, String localEntryPoint, String s3EntryPoint, String sparkSubmitParameters,
            Supplier<EmrysJobRunner> freshApplication)
    {
        this.freshApplication = requireNonNull(freshApplication, "freshApplication is null");
        this.emrys = requireNonNull(emrys, "emrys is null");
        this.raw = requireNonNull(raw, "raw is null");
        this.localEntryPoint = requireNonNull(localEntryPoint, "localEntryPoint is null");
        this.s3EntryPoint = requireNonNull(s3EntryPoint, "s3EntryPoint is null");
        this.sparkSubmitParameters = requireNonNull(sparkSubmitParameters, "sparkSubmitParameters is null");
    }

    /** @param emrysFresh the local-path job as the first job of a fresh application */
    record Results(List<EmrysJobRunner.Sample> emrysLocal, List<RawSparkRunner.Sample> raw, List<EmrysJobRunner.Sample> emrysS3,
            List<EmrysJobRunner.Sample> emrysFresh)
    {
        Results
        {
            emrysFresh = List.copyOf(emrysFresh);
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
        List<EmrysJobRunner.Sample> fresh = new ArrayList<>();
        for (int round = 0; round < warmupRounds + rounds; round++) {
            boolean measured = round >= warmupRounds;
            String label = measured ? "round " + (round - warmupRounds + 1) + "/" + rounds : "warm-up " + (round + 1) + "/" + warmupRounds;

            EmrysJobRunner.Sample fromLocal = emrys.run(localEntryPoint, sparkSubmitParameters);
            RawSparkRunner.Sample rawRun = raw.run(round);
            EmrysJobRunner.Sample fromS3 = emrys.run(s3EntryPoint, sparkSubmitParameters);
            EmrysJobRunner.Sample first = freshApplication.get().run(localEntryPoint, sparkSubmitParameters);
            System.err.printf("cold start %s: emrys(local) %d ms [to JVM %d, JVM %d, exit to SUCCESS %d], raw %d ms, emrys(s3) %d ms, "
                            + "emrys(first job of a fresh application) %d ms [to JVM %d, JVM %d]%n",
                    label, fromLocal.turnaroundMillis(), fromLocal.submitToJvmStartMillis(), fromLocal.jvmMillis(),
                    fromLocal.jvmExitToSuccessMillis(), rawRun.wallMillis(), fromS3.turnaroundMillis(), first.turnaroundMillis(),
                    first.submitToJvmStartMillis(), first.jvmMillis());
            if (measured) {
                local.add(fromLocal);
                rawSamples.add(rawRun);
                s3.add(fromS3);
                fresh.add(first);
            }
        }
        return new Results(local, rawSamples, s3, fresh);
    }
}
