package io.emrys.compute.driver;

/**
 * A driver ended without leaving an exit status (its wrapping shell was killed too), so how it ended is
 * unknown. {@link DriverProcess#onExit()} completes exceptionally with this.
 */
public final class DriverLostException
        extends RuntimeException
{
    public DriverLostException(String message)
    {
        super(message);
    }
}
