package io.emrys.testjobs;

/**
 * Fails on purpose with a recognisable message, so tests can check that a driver's failure reaches the job
 * run's stateDetails. It fails before creating a SparkSession to keep the failure path fast.
 */
public final class AlwaysFails
{
    public static final String MESSAGE = "AlwaysFails failed on purpose";

    private AlwaysFails() {}

    public static void main(String[] args)
    {
        throw new IllegalStateException(MESSAGE);
    }
}
