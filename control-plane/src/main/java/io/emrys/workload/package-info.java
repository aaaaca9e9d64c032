/**
 * What every kind of work with a Spark driver shares (job-run attempts and sessions today, cluster steps next).
 * Start at {@link io.emrys.workload.DriverSupervisor}, the one supervisor of live drivers (watching, stopping,
 * recovery, their worker records, the order of logs and final state), and {@link io.emrys.workload.PooledDrivers},
 * the one way a driver is taken warm from or started cold on an application's compute. A service sees a driver
 * only as a {@link io.emrys.workload.DriverHandle}, with {@link io.emrys.workload.ConnectEndpoint} for sessions, and
 * stores where it runs as its opaque {@link io.emrys.compute.cluster.DriverRef}; drivers are started, adopted and
 * stopped through {@link io.emrys.compute.cluster.ClusterManager}.
 * The decide-commit-apply of the services' own state is {@link io.emrys.store.CommittedView}.
 * {@link io.emrys.workload.WorkCredentials} checks a submission's execution role and gives a cold driver a session of
 * it for S3 (through the {@link io.emrys.common.ExecutionRoles} port, which IAM implements).
 *
 * <p>Layering: may use {@code pool}, {@code compute}, {@code metering}, {@code store}, {@code common}, {@code error}
 * and the application's values; never {@code api}, {@code jobrun} or {@code session}, which use it (held by
 * {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.workload;
