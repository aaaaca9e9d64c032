/**
 * Interactive sessions: one Spark Connect driver per session, reached only through the Connect gateway with a
 * time-limited token. Start at {@link io.emrys.session.SessionService}; the lifecycle is
 * {@link io.emrys.session.SessionState}, compute is behind {@link io.emrys.session.SessionDriverSupervisor}.
 */
package io.emrys.session;
