package io.emrys.session;

import static java.util.Objects.requireNonNull;

import io.emrys.application.ApplicationService;
import io.emrys.common.ConnectSecret;
import io.emrys.common.SessionId;
import io.emrys.gateway.BusyIdleTracker;
import io.emrys.gateway.SessionActivity;
import io.emrys.pool.WorkOwner;
import io.emrys.store.CommittedView;
import io.emrys.workload.ConnectEndpoint;
import io.emrys.workload.DriverHandle;
import io.emrys.workload.DriverOutcome;
import io.emrys.workload.DriverSupervisor;
import io.emrys.workload.WorkEnd;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of each session's Spark Connect driver: SUBMITTED, STARTING, STARTED, IDLE and BUSY while clients call
 * it, TERMINATING, then TERMINATED or FAILED; and after a restart, the drivers found again. Every transition is
 * decided, committed and applied through the sessions' {@link CommittedView}; the driver itself is watched by the
 * shared {@link DriverSupervisor}.
 *
 * <p>Threading: launches, ends and BUSY/IDLE settling run on {@code threads}; the gateway's activity calls only
 * touch the {@link BusyIdleTracker}'s counters, so an RPC never waits for the database.
 */
final class SessionLifecycle
{
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);
    private static final int MAX_DETAILS = 1024;

    private final CommittedView<SessionId, Session> view;
    private final ApplicationService applications;
    private final SessionDrivers drivers;
    private final DriverSupervisor supervisor;
    private final SessionService.SessionLogPublisher logs;
    private final Clock clock;
    private final Executor threads;
    private final Path sessionsRoot;
    private final BusyIdleTracker activity;
    /**
     * Each live session's driver secret, which the gateway adds to the calls it forwards. Memory only, never the
     * session's row: after a restart it is read back from the adopted driver's owner-only properties file.
     */
    private final Map<SessionId, ConnectSecret> driverSecrets = new ConcurrentHashMap<>();

    SessionLifecycle(CommittedView<SessionId, Session> view, ApplicationService applications, SessionDrivers drivers, DriverSupervisor supervisor,
            SessionService.SessionLogPublisher logs, Clock clock, Executor threads, Path sessionsRoot)
    {
        this.view = requireNonNull(view, "view is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.supervisor = requireNonNull(supervisor, "supervisor is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.sessionsRoot = requireNonNull(sessionsRoot, "sessionsRoot is null");
        // the tracker calls back under its per-session lock on the gateway's event loops: hand the change to a thread
        this.activity = new BusyIdleTracker(new BusyIdleTracker.Listener()
        {
            @Override
            public void busy(String sessionId)
            {
                threads.execute(() -> settleActivity(new SessionId(sessionId)));
            }

            @Override
            public void idle(String sessionId)
            {
                threads.execute(() -> settleActivity(new SessionId(sessionId)));
            }
        });
    }

    /** The secret of the session's live driver; empty before it is launched and after it has ended. */
    Optional<ConnectSecret> driverSecret(SessionId id)
    {
        return Optional.ofNullable(driverSecrets.get(id));
    }

    /** What the gateway reports each forwarded call to. */
    SessionActivity activity()
    {
        return activity;
    }

    void launchLater(SessionId id)
    {
        threads.execute(() -> launch(id));
    }

    /** Ends a live session: TERMINATING while its driver stops, TERMINATED at once when it has none yet to stop. */
    Session terminate(SessionId id, String reason)
    {
        Session current = view.find(id).orElseThrow();
        if (current.state().isTerminal() || current.state() == SessionState.TERMINATING) {
            return current;
        }
        Session terminating = changeIfLive(id, session -> session.state().isTerminal() || session.state() == SessionState.TERMINATING
                ? session : session.to(SessionState.TERMINATING, details(reason), clock.instant()));
        // A launching thread owns a SUBMITTED or STARTING session: it sees TERMINATING and settles it.
        if (!supervisor.stop(owner(terminating)) && terminating.driverRef().isEmpty() && terminating.state() == SessionState.TERMINATING
                && current.state() != SessionState.STARTING && current.state() != SessionState.SUBMITTED) {
            changeIfLive(id, session -> session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant()));
        }
        return view.find(id).orElseThrow();
    }

    /**
     * Makes the stored state match the calls in flight now. Tasks for one session may run in any order on the pool,
     * so each one decides from the counter at the time it runs rather than from the event that scheduled it: whichever
     * runs last leaves BUSY if a call is in flight and IDLE if none is.
     */
    private void settleActivity(SessionId id)
    {
        // BUSY and IDLE change with every call a client makes (several per query), so they live in memory only: a
        // database write per call would cost more than the call. The row catches up at the next stored transition,
        // and after a restart recover() settles a BUSY session to IDLE.
        view.locked(() -> view.find(id).map(session -> {
            boolean busy = activity.inFlight(id.value()) > 0;
            Session next = session;
            if (busy && (session.state() == SessionState.IDLE || session.state() == SessionState.STARTED)) {
                next = session.to(SessionState.BUSY, "Session is running an operation", clock.instant());
            }
            else if (!busy && session.state() == SessionState.BUSY) {
                next = session.to(SessionState.IDLE, "Session is idle", clock.instant());
            }
            if (next != session) {
                view.show(id, next);
            }
            return next;
        }));
    }

    /** After a restart: re-adopt live drivers, end the rest with a reason, resume sessions never launched. */
    void recover()
    {
        for (Session session : List.copyOf(view.values())) {
            if (session.state().isTerminal()) {
                continue;
            }
            if (session.state() == SessionState.SUBMITTED) {
                launchLater(session.id());
                continue;
            }
            Path workDir = workDir(session);
            Optional<DriverHandle> alive = session.driverRef().flatMap(ref -> drivers.adopt(applications.get(session.applicationId()), session, ref, workDir));
            alive.flatMap(DriverHandle::connect).ifPresent(endpoint -> driverSecrets.put(session.id(), endpoint.secret()));
            supervisor.recover(owner(session), alive, () -> session.driverRef().flatMap(ref -> drivers.recordedExit(workDir)), end(session.id()));
            if (alive.isPresent() && session.state() == SessionState.TERMINATING) {
                supervisor.stop(owner(session));
            }
            else if (alive.isPresent() && session.state() == SessionState.BUSY) {
                // calls did not survive the restart of the gateway
                changeIfLive(session.id(), current -> current.to(SessionState.IDLE, "Session is idle", clock.instant()));
            }
        }
    }

    private void launch(SessionId id)
    {
        Session starting = changeIfLive(id, session -> session.state() == SessionState.SUBMITTED
                ? session.to(SessionState.STARTING, "Starting the session's Spark Connect driver", clock.instant()) : session);
        if (starting.state() != SessionState.STARTING) {
            if (starting.state() == SessionState.TERMINATING) {
                changeIfLive(id, session -> session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant()));
            }
            return;
        }
        DriverHandle driver;
        ConnectEndpoint endpoint;
        try {
            driver = drivers.launch(applications.get(starting.applicationId()), starting, workDir(starting));
            endpoint = driver.connect().orElseThrow(() -> new IllegalStateException("a session's driver must serve Spark Connect"));
        }
        catch (RuntimeException e) {
            log.warn("Could not start the driver of session {}", id, e);
            changeIfLive(id, session -> session.state() == SessionState.TERMINATING
                    ? session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant())
                    : session.to(SessionState.FAILED, details("The session's driver could not be started: " + e.getMessage()), clock.instant()));
            return;
        }
        // before the session is connectable, so the gateway never finds a STARTED session without its driver's secret
        driverSecrets.put(id, endpoint.secret());
        Instant now = clock.instant();
        Session launched = view.change(id, session -> session.withDriver(driver.ref(), workDir(session).toString(), endpoint.grpcPort(), driver.uiPort(), now),
                (handle, session) -> supervisor.recordStarted(handle, owner(session), driver, now));
        supervisor.watch(owner(launched), driver, end(id));
        // read again now that it is watched: a terminate after the change above found no live driver to stop
        if (view.find(id).orElseThrow().state() == SessionState.TERMINATING) {
            supervisor.stopNow(driver);
            return;
        }
        String note = driver.note().map(text -> ". " + text).orElse("");
        endpoint.ready().whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                log.warn("The driver of session {} did not become ready", id, failure);
                supervisor.stopNow(driver);
                return;
            }
            changeIfLive(id, session -> session.state() == SessionState.STARTING
                    ? session.to(SessionState.STARTED, details("Session is ready" + note), clock.instant()) : session);
            changeIfLive(id, session -> session.state() == SessionState.STARTED && activity.inFlight(id.value()) == 0
                    ? session.to(SessionState.IDLE, details("Session is idle" + note), clock.instant()) : session);
        }, threads);
    }

    /** How a session's end is recorded once its driver has ended (or was lost while the control plane was down). */
    private WorkEnd end(SessionId id)
    {
        return new WorkEnd()
        {
            @Override
            public void publishLogs()
            {
                Session ended = view.find(id).orElseThrow();
                try {
                    logs.publish(ended, workDir(ended), applications.find(ended.applicationId()).flatMap(application -> application.configuration().logUri()));
                }
                catch (RuntimeException e) {
                    log.warn("Could not publish the logs of session {}", id, e);
                }
            }

            @Override
            public void ended(DriverOutcome outcome)
            {
                driverSecrets.remove(id);
                settle(id, "ended", session -> session.state() == SessionState.TERMINATING
                        ? session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant())
                        : session.to(SessionState.FAILED, details("The session's driver ended unexpectedly"
                                + outcome.lastErrorLine().map(line -> ": " + line).orElse("")), clock.instant()));
            }

            @Override
            public void lost()
            {
                driverSecrets.remove(id);
                changeIfLive(id, session -> session.state() == SessionState.TERMINATING
                        ? session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant())
                        : session.to(SessionState.FAILED, "The Emrys control plane lost this session's driver while it was down", clock.instant()));
                applications.recordActivity(view.find(id).orElseThrow().applicationId());
            }
        };
    }

    /** The session's final state and the end of its driver's worker record, in one transaction. */
    private void settle(SessionId id, String stopReason, UnaryOperator<Session> decision)
    {
        Instant now = clock.instant();
        AtomicBoolean recorded = new AtomicBoolean();
        Session after = view.change(id, session -> session.state().isTerminal() ? session : decision.apply(session), (handle, session) -> {
            supervisor.recordStopped(handle, owner(session), now, stopReason);
            recorded.set(true);
        });
        if (!recorded.get()) {
            // its state had been settled another way: the worker record still ends now
            supervisor.recordStopped(owner(after), now, stopReason);
        }
        applications.recordActivity(after.applicationId());
    }

    Session changeIfLive(SessionId id, UnaryOperator<Session> decision)
    {
        return view.change(id, session -> session.state().isTerminal() ? session : decision.apply(session));
    }

    /**
     * Terminates every session that has not ended and waits for the drivers being stopped: sessions cannot outlive
     * the gateway that reaches them. A session still launching is terminated too; its launching thread stops the
     * driver it starts.
     */
    void close()
    {
        for (Session session : List.copyOf(view.values())) {
            if (!session.state().isTerminal()) {
                terminate(session.id(), "Emrys was shut down");
            }
        }
        supervisor.awaitEnds();
    }

    Path workDir(Session session)
    {
        return sessionsRoot.resolve(session.applicationId().value()).resolve("sessions").resolve(session.id().value());
    }

    private static WorkOwner owner(Session session)
    {
        return WorkOwner.session(session.applicationId(), session.id());
    }

    static String details(String reason)
    {
        return reason.length() <= MAX_DETAILS ? reason : reason.substring(0, MAX_DETAILS - 3) + "...";
    }
}
