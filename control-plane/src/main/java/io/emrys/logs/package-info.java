/**
 * Logs of job runs. Start at {@link io.emrys.logs.JobRunLogPublisher}: gzipped driver output kept in the data
 * folder and uploaded to the run's {@code logUri} in the EMR Serverless layout.
 * <p>Layering: an edge adapter: may use {@code jobrun}'s port and values, {@code objectstore} and {@code compute}; wired only by {@code server} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.logs;
