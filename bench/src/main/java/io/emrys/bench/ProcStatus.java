package io.emrys.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Memory figures of a live process from {@code /proc/<pid>/status}: VmRSS (resident now) and VmHWM (the peak
 * resident size so far). Both are empty once the process is gone, so callers sample while it runs.
 */
record ProcStatus(long rssKb, long peakRssKb)
{
    static Optional<ProcStatus> of(long pid)
    {
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    rss = kilobytes(line);
                }
                else if (line.startsWith("VmHWM:")) {
                    hwm = kilobytes(line);
                }
            }
            return rss < 0 || hwm < 0 ? Optional.empty() : Optional.of(new ProcStatus(rss, hwm));
        }
        catch (IOException | RuntimeException e) {
            // The process ended between two samples.
            return Optional.empty();
        }
    }

    /** The peak resident size of a process, or empty when it has ended. */
    static OptionalLong peakKb(long pid)
    {
        return of(pid).map(status -> OptionalLong.of(status.peakRssKb())).orElse(OptionalLong.empty());
    }

    private static long kilobytes(String line)
    {
        // "VmRSS:	  123456 kB"
        String value = line.substring(line.indexOf(':') + 1).trim();
        return Long.parseLong(value.substring(0, value.indexOf(' ')));
    }
}
