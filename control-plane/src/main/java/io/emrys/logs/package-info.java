/**
 * Logs of job runs and sessions. Start at {@link io.emrys.logs.WorkLogPublisher}: gzipped driver output kept in the data
 * folder and uploaded to the run's {@code logUri} in the EMR Serverless layout.
 * <p>Layering: an edge adapter: may use {@code jobrun}'s and {@code session}'s ports and values, {@code objectstore} and {@code compute}; wired only by {@code server} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.logs;
