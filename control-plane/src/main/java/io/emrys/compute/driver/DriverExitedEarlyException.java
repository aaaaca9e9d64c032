package io.emrys.compute.driver;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A driver JVM ended before it became what it was started for (a Spark Connect server accepting connections, a
 * warm driver ready for work). The message says why: the exit status and the most telling line of its stderr, as
 * for a failed job run.
 */
public abstract class DriverExitedEarlyException
        extends RuntimeException
{
    private final int exitCode;
    private final Optional<String> lastErrorLine;

    /** The message reads "{@code <what> exited with code <n> <before>: <last error line>}". */
    protected DriverExitedEarlyException(String what, String before, int exitCode, Optional<String> lastErrorLine)
    {
        super(what + " exited with code " + exitCode + " " + before
                + requireNonNull(lastErrorLine, "lastErrorLine is null").map(line -> ": " + line).orElse(""));
        this.exitCode = exitCode;
        this.lastErrorLine = lastErrorLine;
    }

    public int exitCode()
    {
        return exitCode;
    }

    public Optional<String> lastErrorLine()
    {
        return lastErrorLine;
    }
}
