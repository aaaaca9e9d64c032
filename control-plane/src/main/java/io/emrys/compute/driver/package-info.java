/**
 * Supervision of one driver JVM. Start at {@link io.emrys.compute.driver.DriverLauncher#launch} with a
 * {@link io.emrys.compute.driver.DriverLaunchRequest}; {@link io.emrys.compute.driver.DriverPlanner} decides the command
 * line ({@link io.emrys.compute.driver.DriverPlan}), {@link io.emrys.compute.driver.DriverProcess} watches the result
 * and completes with a {@link io.emrys.compute.driver.DriverExit}. A driver's
 * {@link io.emrys.compute.driver.DriverProcess#size()} and {@link io.emrys.compute.driver.DriverProcess#startedAt()}
 * are what the services record for metering. Executors run outside the driver when the request has an
 * {@link io.emrys.compute.driver.ExecutorPlacement}.
 * <p>Layering: may use {@code compute.runtime}, {@code compute.config}, {@code error} and {@code common} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.compute.driver;
