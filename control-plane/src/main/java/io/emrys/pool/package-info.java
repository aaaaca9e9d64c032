/**
 * Pre-initialized capacity and scaling. Start at {@link io.emrys.pool.ComputePools}, the facade that job runs and
 * sessions call and that wires the parts below together (it owns their threads):
 * <ul>
 *   <li>{@link io.emrys.pool.StandaloneHosts}: per application a Spark standalone host (master and worker in one
 *       JVM), started on first need, re-adopted after a restart, stopped with the application;</li>
 *   <li>{@link io.emrys.pool.WarmPool}: warm drivers kept per {@code initialCapacity}, handed to jobs and sessions
 *       whose settings they serve ({@link io.emrys.pool.WarmMatch} says why not) and refilled in the background;</li>
 *   <li>{@link io.emrys.pool.ColdAdmission}: cold drivers placed on the host with an executor ceiling, waiting on
 *       {@link io.emrys.pool.CapacityLedger#nextRelease} while they do not fit;</li>
 *   <li>{@link io.emrys.pool.ExecutorTracking}: executor worker records read from the driver agent's events
 *       ({@link io.emrys.pool.ExecutorRecorder}), closed and their logs archived when the driver ends;</li>
 *   <li>{@link io.emrys.pool.PoolRecovery}: after a restart, what the previous control plane left running.</li>
 * </ul>
 * The rules are pure values: {@link io.emrys.pool.CapacityLedger} ("a driver reserves itself plus its executor
 * ceiling when it starts; work that does not fit waits"), {@link io.emrys.pool.WorkerSizes} (where a worker's size
 * comes from), {@link io.emrys.pool.DriverRequests} and {@link io.emrys.pool.Capacity}.
 *
 * <p>May use {@code application} (the application's configuration), {@code compute} (drivers and executor hosts,
 * started, adopted and stopped through {@link io.emrys.compute.cluster.ClusterManager}, never a launcher),
 * {@code metering} and {@code store} (worker records) and {@code error}; never {@code api}, {@code jobrun} or
 * {@code session}, which use it.
 */
package io.emrys.pool;
