/**
 * EMR Serverless job runs. Start at {@link io.emrys.jobrun.JobRunService} (the API's operations), then
 * {@link io.emrys.jobrun.JobRunExecutor} (driving attempts: launch, exit, cancel, timeout, retry, re-adoption) and
 * {@link io.emrys.jobrun.JobRunRegistry} (stored state and its in-memory view). Compute is reached through
 * {@link io.emrys.jobrun.DriverSupervisor}, implemented over Spark by {@link io.emrys.jobrun.SparkDriverSupervisor}.
 */
package io.emrys.jobrun;
