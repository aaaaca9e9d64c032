/**
 * Logs of job runs. Start at {@link io.emrys.logs.JobRunLogPublisher}: gzipped driver output kept in the data
 * folder and uploaded to the run's {@code logUri} in the EMR Serverless layout.
 */
package io.emrys.logs;
