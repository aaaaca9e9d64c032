package io.emrys.compute.warm;

import io.emrys.compute.driver.DriverExitedEarlyException;

import java.util.Optional;

/** A warm driver ended before it was ready to take work; the message says why, as for a failed job run. */
public final class WarmDriverFailedException
        extends DriverExitedEarlyException
{
    public WarmDriverFailedException(int exitCode, Optional<String> lastErrorLine)
    {
        super("The pre-initialized driver", "before it was ready", exitCode, lastErrorLine);
    }
}
