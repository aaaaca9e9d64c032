/**
 * The processes of an EMR (on EC2) cluster on this machine: the MASTER instance's Spark standalone master, one
 * standalone worker process per CORE or TASK instance, and the step drivers ({@code spark-submit}) that run on the
 * master instance. Start at {@link io.emrys.compute.nodes.ClusterNodes} (the port the cluster service uses) and
 * {@link io.emrys.compute.nodes.InstanceTypes} (the instance-type catalog with AWS's vCPU and memory figures).
 *
 * <p>Every node and every step driver reads the cluster's {@code spark.authenticate} secret from an owner-only
 * properties file ({@code --properties-file}), never from its command line; the worker hands it to its executors
 * through their environment, as Spark does; RPC is AES-encrypted with keys from it ({@code spark.network.crypto.enabled}).
 *
 * <p>Sizes: an instance offers {@link io.emrys.compute.nodes.InstanceScale} of its type's AWS figures, capped per
 * instance (by default 1 core and 768 MB, so the seed's master, 2 core and 8 task instances fit a 2-core machine
 * with a few GB free); the caps are the JVM system properties {@code emrys.emr.instanceCores} and
 * {@code emrys.emr.instanceMemoryMb} of the server.
 *
 * <p>Layering: may use {@code compute.runtime}, {@code compute.config}, {@code compute.driver}'s log helpers,
 * {@code error} and {@code common}; used by the {@code cluster} resource service (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.nodes;
