package io.emrys.compute.driver;

import io.emrys.common.WorkerSize;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a driver ended.
 *
 * @param exitCode the JVM's exit status; 128 + n when signal n ended it (143 after {@link DriverProcess#stop})
 * @param lastErrorLine for a non-zero exit, the most telling line of the driver's stderr (the exception that
 *        ended {@code main}, SparkSubmit's {@code Error:} line, or else the last non-blank line)
 * @param endedAt when the control plane learnt that the driver had ended
 * @param size the driver's size, its disk the configured one or the work dir's size when that grew larger
 */
public record DriverExit(int exitCode, Optional<String> lastErrorLine, Instant endedAt, WorkerSize size)
{
    public DriverExit
    {
        requireNonNull(lastErrorLine, "lastErrorLine is null");
        requireNonNull(endedAt, "endedAt is null");
        requireNonNull(size, "size is null");
    }

    public boolean succeeded()
    {
        return exitCode == 0;
    }
}
