package io.emrys.workload;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a driver ended.
 *
 * @param exitCode the process exit status
 * @param lastErrorLine the last error line of the driver's log, to explain a failure
 */
public record DriverOutcome(int exitCode, Optional<String> lastErrorLine)
{
    public DriverOutcome
    {
        requireNonNull(lastErrorLine, "lastErrorLine is null");
    }

    public boolean succeeded()
    {
        return exitCode == 0;
    }

    /** A driver whose end Emrys could not observe (its process vanished without leaving an exit status). */
    public static DriverOutcome lost(Throwable why)
    {
        return new DriverOutcome(-1, Optional.of("Emrys lost track of the driver: " + why.getMessage()));
    }
}
