/**
 * Compute: Spark runtimes and the JVMs started from them. Start at {@link io.emrys.compute.RuntimeCatalog}
 * (release label to runtime folder), then {@link io.emrys.compute.DriverLauncher#launch} with a
 * {@link io.emrys.compute.DriverLaunchRequest} (built from {@link io.emrys.compute.SparkSubmitParameters#parse} and
 * {@link io.emrys.compute.SparkConfiguration#merge}); {@link io.emrys.compute.DriverPlanner} decides the command
 * line, {@link io.emrys.compute.DriverProcess} watches the result. Spark is never on this JVM's class path.
 * Executors run on a Spark standalone host ({@link io.emrys.compute.StandaloneHostLauncher}) when the request has an
 * {@link io.emrys.compute.ExecutorPlacement}; the driver agent's listener reports them as
 * {@link io.emrys.compute.WorkerEvents}. Pre-initialized drivers are {@link io.emrys.compute.WarmDriver}s
 * ({@link io.emrys.compute.WarmDriverLauncher}; {@link io.emrys.compute.WarmDriverFit} says whether work can run on
 * one). Interactive sessions get a Spark Connect server driver from {@link io.emrys.compute.ConnectServerLauncher#launch}
 * (planned by {@link io.emrys.compute.ConnectServerPlanner}, started by the same driver launcher); its
 * {@link io.emrys.compute.ConnectServerProcess#ready()} says when clients can connect.
 * <p>Layering: may use only {@code error} (and the JDK): it sits below the services and the pool and never sees their types (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute;
