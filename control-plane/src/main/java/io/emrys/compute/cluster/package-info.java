/**
 * The cluster-manager seam: where drivers and executors run. Start at
 * {@link io.emrys.compute.cluster.ClusterManager} (launch, adopt and stop drivers, Spark Connect servers and warm
 * drivers; start and stop an application's executor host; read executor events and archive executor logs) and
 * {@link io.emrys.compute.cluster.DriverRef}, the opaque name of a running driver that the store keeps instead of a
 * process id. {@link io.emrys.compute.cluster.LocalProcessCluster} is today's only implementation (child processes of
 * this machine, refs {@code local-process:<pid>}); it delegates to the launchers of the other compute subpackages and
 * is the only code that reads a ref. The pool, the workload core and the services reach compute through this
 * interface; only the server builds an implementation.
 * <p>Layering: may use {@code compute.warm}, {@code compute.connect}, {@code compute.standalone},
 * {@code compute.driver}, {@code compute.runtime}, {@code compute.config}, {@code error} and {@code common}; no other
 * compute subpackage uses it (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.cluster;
