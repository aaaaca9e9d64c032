/**
 * Interactive sessions: one Spark Connect driver per session, reached only through the Connect gateway with a
 * time-limited token. Start at {@link io.emrys.session.SessionService}; the lifecycle is
 * {@link io.emrys.session.SessionState}, compute is behind {@link io.emrys.session.SessionDrivers} (over Spark and the
 * cluster manager: {@link io.emrys.session.SparkSessionDrivers}); a session stores its driver as an opaque
 * {@link io.emrys.compute.cluster.DriverRef}.
 * <p>Layering: may use {@code application} (its service and values), {@code tagging}, {@code pool}, {@code compute}, {@code metering}, {@code store}, {@code error} and {@code common}; never {@code jobrun} or {@code api} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.session;
