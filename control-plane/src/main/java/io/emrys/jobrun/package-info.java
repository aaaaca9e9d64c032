/**
 * EMR Serverless job runs. Start at {@link io.emrys.jobrun.JobRunService} (the API's operations), then
 * {@link io.emrys.jobrun.JobRunExecutor} (driving attempts: launch, exit, cancel, timeout, retry, re-adoption) and
 * {@link io.emrys.jobrun.JobRunRegistry} (stored state and its in-memory view). Compute is reached through
 * {@link io.emrys.jobrun.JobRunDrivers}, implemented over Spark and the cluster manager by
 * {@link io.emrys.jobrun.SparkJobRunDrivers}; an attempt stores its driver as an opaque
 * {@link io.emrys.compute.cluster.DriverRef}.
 * <p>Layering: may use {@code application} (its service and values), {@code tagging}, {@code pool}, {@code compute}, {@code metering}, {@code store}, {@code error} and {@code common}; never {@code session} or {@code api} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.jobrun;
