package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cold session to first result: Emrys sessions against raw Spark Connect servers, interleaved round by round.
 *
 * <p>Order: first the discarded warm-up rounds of raw servers only (they load the harness's Connect client classes
 * and bring the runtime's jars into the page cache; an Emrys warm-up would use up the cold-archive run), then Emrys
 * sessions that find no class-data archive and record one (reported on their own; more than one when a recording is
 * not kept, at most three), then the measured rounds of one Emrys session (mapping the archive) and one raw server each.
 */
final class SessionColdStartBenchmark
{
    private static final int MAX_RECORDING_SESSIONS = 3;

    private final EmrysSessionRunner emrys;
    private final RawConnectServer raw;

    SessionColdStartBenchmark(EmrysSessionRunner emrys, RawConnectServer raw)
    {
        this.emrys = requireNonNull(emrys, "emrys is null");
        this.raw = requireNonNull(raw, "raw is null");
    }

    /** @param coldArchive the Emrys sessions that recorded an archive, until one was kept; empty when one already existed */
    record Results(List<EmrysSessionRunner.Sample> coldArchive, List<EmrysSessionRunner.Sample> emrys, List<RawConnectServer.Sample> raw)
    {
        Results
        {
            coldArchive = List.copyOf(coldArchive);
            emrys = List.copyOf(emrys);
            raw = List.copyOf(raw);
        }
    }

    Results run(int warmupRounds, int rounds)
            throws IOException, InterruptedException
    {
        for (int round = 0; round < warmupRounds; round++) {
            RawConnectServer.Sample warm = raw.coldRun(-1 - round);
            System.err.printf("cold session warm-up %d/%d: raw %d ms (discarded)%n", round + 1, warmupRounds, warm.totalMillis());
        }
        // A recording is kept only when its driver exits cleanly within the server's stop grace; try a bounded number of times.
        List<EmrysSessionRunner.Sample> coldArchive = new ArrayList<>();
        for (int attempt = 1; attempt <= MAX_RECORDING_SESSIONS && emrys.archive().isEmpty(); attempt++) {
            EmrysSessionRunner.Sample recording = emrys.coldRun();
            print("recording " + attempt + " (no class-data archive yet)", recording);
            coldArchive.add(recording);
        }
        List<EmrysSessionRunner.Sample> emrysSamples = new ArrayList<>();
        List<RawConnectServer.Sample> rawSamples = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            EmrysSessionRunner.Sample session = emrys.coldRun();
            RawConnectServer.Sample server = raw.coldRun(round);
            print("round " + (round + 1) + "/" + rounds, session);
            System.err.printf("    raw %d ms [port open %d, SELECT 1 %d]%n", server.totalMillis(), server.portOpenMillis(), server.firstQueryMillis());
            emrysSamples.add(session);
            rawSamples.add(server);
        }
        return new Results(coldArchive, emrysSamples, rawSamples);
    }

    private static void print(String label, EmrysSessionRunner.Sample sample)
    {
        System.err.printf("cold session %s: emrys %d ms [to JVM %d, to IDLE %d, IDLE to result %d (SELECT 1 %d), %s archive; driver exit %s, archive kept: %s]%n", label,
                sample.totalMillis(), sample.submitToJvmStartMillis(), sample.submitToIdleMillis(), sample.idleToResultMillis(), sample.firstQueryMillis(),
                sample.recordedArchive() ? "recorded the" : "mapped the",
                sample.driverExitCode().isPresent() ? Integer.toString(sample.driverExitCode().getAsInt()) : "unknown", sample.archiveAfter());
    }
}
