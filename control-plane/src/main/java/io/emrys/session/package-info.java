/**
 * Interactive sessions: one Spark Connect driver per session, reached only through the Connect gateway with a
 * time-limited token. Start at {@link io.emrys.session.SessionService} (the API's operations), then
 * {@link io.emrys.session.SessionLifecycle} (the driver's life through {@link io.emrys.session.SessionState}) and
 * {@link io.emrys.session.EndpointTokens}; {@link io.emrys.session.SessionModule} assembles them. Compute is behind
 * {@link io.emrys.session.SessionDrivers} ({@link io.emrys.session.SparkSessionDrivers} over Spark and the cluster
 * manager); a session stores its driver as an opaque {@link io.emrys.compute.cluster.DriverRef}; live drivers are watched by {@code workload}'s shared supervisor.
 * <p>Layering: may use {@code application} (its service and values), {@code tagging}, {@code workload}, {@code pool}, {@code compute}, {@code metering}, {@code store}, {@code error} and {@code common}; never {@code jobrun} or {@code api} (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.session;
