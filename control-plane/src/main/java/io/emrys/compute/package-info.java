/**
 * Compute: Spark runtimes and the JVMs started from them; Spark is never on this JVM's class path. The subpackages,
 * bottom to top:
 * <ul>
 * <li>{@link io.emrys.compute.runtime}: release labels and the runtime folders they name;</li>
 * <li>{@link io.emrys.compute.config}: Spark settings as the API gives them (classifications, {@code sparkSubmitParameters},
 * memory sizes) and the JVM options every Spark JVM needs;</li>
 * <li>{@link io.emrys.compute.driver}: planning, starting, watching and re-adopting one driver JVM;</li>
 * <li>{@link io.emrys.compute.standalone}: the Spark standalone host that runs a driver's executors, and the
 * executor events the driver agent reports;</li>
 * <li>{@link io.emrys.compute.connect}: Spark Connect server drivers for interactive sessions;</li>
 * <li>{@link io.emrys.compute.warm}: pre-initialized drivers that take one job or one session;</li>
 * <li>{@link io.emrys.compute.cluster}: the seam above them all, {@code ClusterManager} (where drivers and executors
 * run) with the opaque {@code DriverRef} the store keeps; {@code LocalProcessCluster} is today's implementation.</li>
 * </ul>
 * Code outside compute reaches the launchers only through the cluster manager; only the server builds one.
 * <p>Layering: may use only {@code error} and {@code common} (and the JDK): it sits below the services and the pool and never sees their types; inside it,
 * each subpackage uses only those listed before it, except that {@code standalone} and {@code connect} do not use each
 * other (held by {@code io.emrys.ArchitectureTest}, as is that only {@code compute} and {@code server} use a launcher).
 */
package io.emrys.compute;
