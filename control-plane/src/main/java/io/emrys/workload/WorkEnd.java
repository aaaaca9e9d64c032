package io.emrys.workload;

/**
 * What a kind of work does when its driver has ended, as {@link DriverSupervisor} calls it: first its logs are
 * published (so that they are in place when the work shows its final state), then the end is recorded.
 */
public interface WorkEnd
{
    /** Publishes the driver's logs (kept in its work dir, uploaded to the work's logUri). Failures are logged, not thrown. */
    void publishLogs();

    /** Records how the driver ended: the work's final state, in the same transaction as its worker record's end. */
    void ended(DriverOutcome outcome);

    /** The driver was gone after a restart without saying how it ended. */
    void lost();
}
