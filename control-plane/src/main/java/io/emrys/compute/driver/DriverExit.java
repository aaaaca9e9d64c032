package io.emrys.compute.driver;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a driver ended.
 *
 * @param exitCode the JVM's exit status; 128 + n when signal n ended it (143 after {@link DriverProcess#stop})
 * @param lastErrorLine for a non-zero exit, the most telling line of the driver's stderr (the exception that
 *        ended {@code main}, SparkSubmit's {@code Error:} line, or else the last non-blank line)
 * @param worker the driver's worker record, with its end time
 */
public record DriverExit(int exitCode, Optional<String> lastErrorLine, WorkerRecord worker)
{
    public DriverExit
    {
        requireNonNull(lastErrorLine, "lastErrorLine is null");
        requireNonNull(worker, "worker is null");
    }

    public boolean succeeded()
    {
        return exitCode == 0;
    }
}
