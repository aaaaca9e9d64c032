package io.emrys.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time (user + system) a process has used so far, from {@code /proc/<pid>/stat}. Differences of two readings
 * divided by the requests sent in between give the CPU cost of a request on each side of the connection.
 */
final class CpuTime
{
    /** Linux reports these fields in clock ticks, which are 100 per second on every mainstream kernel build. */
    private static final long TICKS_PER_SECOND = 100;

    private CpuTime() {}

    static OptionalLong millis(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) is in parentheses and may hold spaces; count fields after its closing one.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
        }
        catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
