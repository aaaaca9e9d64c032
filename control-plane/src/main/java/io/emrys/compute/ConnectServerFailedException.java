package io.emrys.compute;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A Spark Connect server ended before it accepted connections. The message is meant for a session's
 * {@code stateDetails}: the exit status and the most telling line of the server's stderr.
 */
public final class ConnectServerFailedException
        extends RuntimeException
{
    private final int exitCode;
    private final Optional<String> lastErrorLine;

    public ConnectServerFailedException(int exitCode, Optional<String> lastErrorLine)
    {
        super("The Spark Connect server exited with code " + exitCode + " before accepting connections"
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
