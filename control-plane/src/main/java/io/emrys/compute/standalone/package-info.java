/**
 * The Spark standalone host (a master and a worker) on which drivers' executors run. Start at
 * {@link io.emrys.compute.standalone.StandaloneHostLauncher}; the driver agent's listener reports executors as
 * {@link io.emrys.compute.standalone.WorkerEvents}.
 * <p>Layering: may use {@code compute.driver}, {@code compute.runtime}, {@code compute.config}, {@code error} and {@code common} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.standalone;
