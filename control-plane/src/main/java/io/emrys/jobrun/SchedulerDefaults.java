package io.emrys.jobrun;

/**
 * AWS's defaults for an application's {@code schedulerConfiguration} (CloudFormation's SchedulerConfiguration
 * reference): what {@link JobRunQueue} applies to members left out, and what a new application of emr-7.3.0 or
 * later is given when it names no scheduler configuration at all.
 */
public final class SchedulerDefaults
{
    public static final int MAX_CONCURRENT_RUNS = 15;
    public static final long QUEUE_TIMEOUT_MINUTES = 360;

    private SchedulerDefaults() {}
}
