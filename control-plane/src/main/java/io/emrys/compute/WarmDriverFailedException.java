package io.emrys.compute;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A warm driver ended before it was ready to take work. The message says why: the exit status and the most
 * telling line of the driver's stderr, as for a failed job run.
 */
public final class WarmDriverFailedException
        extends RuntimeException
{
    private final int exitCode;
    private final Optional<String> lastErrorLine;

    public WarmDriverFailedException(int exitCode, Optional<String> lastErrorLine)
    {
        super("The pre-initialized driver exited with code " + exitCode + " before it was ready"
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
