/**
 * Pre-initialized drivers: driver JVMs whose SparkSession is up before work arrives. Start at
 * {@link io.emrys.compute.warm.WarmDriverLauncher}; a {@link io.emrys.compute.warm.WarmDriver} takes one job (a JVM
 * {@code main}, or a PySpark script attached to the warm JVM) or one session (as a Spark Connect server), and {@link io.emrys.compute.warm.WarmDriverFit} says whether work can run on one.
 * <p>Layering: may use {@code compute.connect}, {@code compute.driver}, {@code compute.runtime}, {@code compute.config}, {@code error} and {@code common} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.warm;
