/**
 * Spark Connect server drivers for interactive sessions. Start at
 * {@link io.emrys.compute.connect.ConnectServerLauncher#launch} (planned by
 * {@link io.emrys.compute.connect.ConnectServerPlanner}, started by the driver launcher); the
 * {@link io.emrys.compute.connect.ConnectServerProcess#ready()} future says when clients can connect.
 * <p>Layering: may use {@code compute.driver}, {@code compute.runtime}, {@code compute.config}, {@code error} and {@code common} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.connect;
