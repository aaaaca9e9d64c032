/**
 * EMR Serverless job runs. Start at {@link io.emrys.jobrun.JobRunService} (the API's operations), then
 * {@link io.emrys.jobrun.JobRunExecutor} (driving attempts: launch, exit, cancel, timeout, retry, re-adoption) and
 * {@link io.emrys.jobrun.JobRunRegistry} (stored state and its in-memory view); {@link io.emrys.jobrun.JobRunModule}
 * assembles them. Compute is reached through {@link io.emrys.jobrun.JobRunDrivers}, implemented over Spark by
 * {@link io.emrys.jobrun.SparkJobRunDrivers} (over Spark and the cluster manager); an attempt stores its driver as an
 * opaque {@link io.emrys.compute.cluster.DriverRef}; live drivers are watched by {@code workload}'s shared supervisor.
 * <p>Layering: may use {@code application} (its service and values), {@code tagging}, {@code workload}, {@code pool}, {@code compute}, {@code metering}, {@code store}, {@code error} and {@code common}; never {@code session} or {@code api} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.jobrun;
