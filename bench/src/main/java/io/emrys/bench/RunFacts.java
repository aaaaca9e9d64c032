package io.emrys.bench;

import io.emrys.compute.runtime.SparkRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Facts about the machine and the checkout that the report opens with, read at the moment they are asked for. */
final class RunFacts
{
    private RunFacts() {}

    /**
     * The report's opening lines: when and what was measured, on which machine under which load, with which runtimes.
     *
     * @param baseline the runtime of the jobs and sessions parts and of the capacity sessions
     * @param lines the runtimes of the per-label parts (capacity jobs, real job)
     * @param command the harness's command line with every option spelled out
     */
    static List<String> opening(Path root, Instant started, String loadBefore, String loadAfter, SparkRuntime baseline, List<SparkRuntime> lines, String command)
    {
        return List.of(
                "When: " + started.truncatedTo(ChronoUnit.SECONDS) + "; commit " + gitCommit(root),
                "Machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                        + ", Java " + System.getProperty("java.runtime.version"),
                "Load average (1/5/15 min) at start: " + loadBefore + "; at end: " + loadAfter + " (other work on the machine shares the cores)",
                "Runtimes: " + ReleaseLines.title(baseline) + " for the jobs and sessions parts and the capacity sessions; capacity jobs and the real job on "
                        + String.join(", ", lines.stream().map(ReleaseLines::title).toList())
                        + "; each label's runtime folder serves both its Emrys drivers and the raw Spark it is compared with",
                "Control plane: `emrys server` as a child process on loopback (fresh data folder); the harness is a separate JVM",
                "Command: `" + command + "`");
    }

    /** The 1, 5 and 15 minute load averages, or "unknown" off Linux: other work on a small machine moves every figure. */
    static String loadAverage()
    {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The checkout's short commit, so that a report names the code it measured. */
    static String gitCommit(Path root)
    {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return git.waitFor() == 0 ? text : "unknown";
        }
        catch (IOException e) {
            return "unknown";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
