/**
 * Compute: Spark runtimes and the driver JVMs started from them. Start at
 * {@link io.emrys.compute.RuntimeCatalog} (release label to runtime folder), then
 * {@link io.emrys.compute.DriverLauncher#launch} with a {@link io.emrys.compute.DriverLaunchRequest}
 * (built from {@link io.emrys.compute.SparkSubmitParameters#parse} and
 * {@link io.emrys.compute.SparkConfiguration#merge}); {@link io.emrys.compute.DriverPlanner} decides the command
 * line, {@link io.emrys.compute.DriverProcess} watches the result. Spark is never on this JVM's class path.
 * Interactive sessions get a Spark Connect server driver from {@link io.emrys.compute.ConnectServerLauncher#launch}
 * (planned by {@link io.emrys.compute.ConnectServerPlanner}, started by the same driver launcher); its
 * {@link io.emrys.compute.ConnectServerProcess#ready()} says when clients can connect.
 */
package io.emrys.compute;
