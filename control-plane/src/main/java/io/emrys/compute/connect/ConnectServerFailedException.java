package io.emrys.compute.connect;

import io.emrys.compute.driver.DriverExitedEarlyException;

import java.util.Optional;

/**
 * A Spark Connect server ended before it accepted connections. The message is meant for a session's
 * {@code stateDetails}: the exit status and the most telling line of the server's stderr.
 */
public final class ConnectServerFailedException
        extends DriverExitedEarlyException
{
    public ConnectServerFailedException(int exitCode, Optional<String> lastErrorLine)
    {
        super("The Spark Connect server", "before accepting connections", exitCode, lastErrorLine);
    }
}
