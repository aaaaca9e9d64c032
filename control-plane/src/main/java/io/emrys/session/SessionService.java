package io.emrys.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.application.Application;
import io.emrys.application.ApplicationId;
import io.emrys.application.ApplicationService;
import io.emrys.common.Account;
import io.emrys.common.Fingerprint;
import io.emrys.common.Page;
import io.emrys.common.ResourceIds;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRecord;
import io.emrys.common.WorkerSize;
import io.emrys.common.WorkerType;
import io.emrys.store.IdempotencyTokens;
import io.emrys.store.Transactions;
import io.emrys.tagging.TagService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interactive sessions: StartSession (idempotent, within the per-application limit), the lifecycle of each
 * session's Spark Connect driver (SUBMITTED, STARTING, STARTED, IDLE, BUSY, TERMINATING, TERMINATED or FAILED),
 * endpoint tokens (random, stored only as SHA-256 hashes, one hour), idle timeout and the 24-hour cap.
 *
 * <p>Threading: every transition is committed under the store's write lock and only then applied to the
 * in-memory view reads are served from. Driver launches and exits are handled on {@code threads}; the gateway's
 * activity calls only touch counters and hand the BUSY/IDLE transitions to {@code threads}, so an RPC never waits
 * for the database.
 */
public final class SessionService
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    public static final int MAX_LIVE_SESSIONS_PER_APPLICATION = 25;
    public static final Duration MAX_SESSION_LIFETIME = Duration.ofHours(24);
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final int MAX_DETAILS = 1024;

    private final Account account;
    private final Transactions transactions;
    private final SessionDao dao;
    private final WorkerDao workers;
    private final ApplicationService applications;
    private final SessionDriverSupervisor drivers;
    private final TagService tags;
    private final IdempotencyTokens tokens;
    private final ResourceIds ids;
    private final Clock clock;
    private final ExecutorService threads;
    private final Path sessionsRoot;
    private final Duration stopGrace;
    private final SessionLogPublisher logs;
    private final SecureRandom random = new SecureRandom();
    private final Map<SessionId, Session> view = new ConcurrentHashMap<>();
    private final Map<SessionId, SessionDriverSupervisor.SessionDriver> live = new ConcurrentHashMap<>();
    private final Map<SessionId, AtomicInteger> calls = new ConcurrentHashMap<>();
    // token hash -> session and expiry: the gateway resolves a token on every call, so from memory
    private final Map<String, SessionDao.IssuedToken> issuedTokens = new ConcurrentHashMap<>();

    public SessionService(Account account, Transactions transactions, SessionDao dao, WorkerDao workers, ApplicationService applications,
            SessionDriverSupervisor drivers, TagService tags, IdempotencyTokens tokens, ResourceIds ids, Clock clock, ExecutorService threads,
            Path sessionsRoot, Duration stopGrace, SessionLogPublisher logs)
    {
        this.logs = requireNonNull(logs, "logs is null");
        this.account = requireNonNull(account, "account is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.threads = requireNonNull(threads, "threads is null");
        this.sessionsRoot = requireNonNull(sessionsRoot, "sessionsRoot is null");
        this.stopGrace = requireNonNull(stopGrace, "stopGrace is null");
        transactions.read(dao::all).forEach(session -> view.put(session.id(), session));
        issuedTokens.putAll(transactions.read(handle -> dao.liveTokens(handle, clock.instant())));
    }

    public Session start(ApplicationId applicationId, ObjectNode input, String clientToken, Map<String, String> sessionTags, String createdBy)
    {
        Application application = applications.get(applicationId);
        SessionSpec spec = SessionSpec.fromInput(input);
        if (!application.configuration().document().path("interactiveConfiguration").path("sessionEnabled").asBoolean(false)) {
            throw EmrysException.validation("Application %s does not have interactive sessions enabled: set interactiveConfiguration.sessionEnabled to true"
                    .formatted(applicationId));
        }
        drivers.validate(application, spec);
        requireCanHostSessions(application);

        String fingerprint = Fingerprint.of(spec.document(), sessionTags);
        String scope = "StartSession:" + applicationId;
        Optional<Session> earlier = earlierSession(scope, clientToken, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Application started = applications.startForWork(applicationId);
        Session created = transactions.locked(() -> {
            Optional<Session> raced = earlierSession(scope, clientToken, fingerprint);
            if (raced.isPresent()) {
                return raced.get();
            }
            long liveSessions = view.values().stream().filter(session -> session.applicationId().equals(applicationId) && !session.state().isTerminal()).count();
            if (liveSessions >= MAX_LIVE_SESSIONS_PER_APPLICATION) {
                throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, "Application %s already has %d live sessions, the most an application may have"
                        .formatted(applicationId, MAX_LIVE_SESSIONS_PER_APPLICATION));
            }
            Instant now = clock.instant();
            SessionId id = new SessionId(ids.next());
            Session session = new Session(id, applicationId, account.applicationArn(applicationId.value()) + "/sessions/" + id, createdBy,
                    started.configuration().releaseLabel(), spec, SessionState.SUBMITTED, "Session submitted", now, now,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            transactions.write(handle -> {
                dao.insert(handle, session);
                tokens.record(handle, scope, clientToken, fingerprint, id.value(), now);
                tags.putInTransaction(handle, session.arn(), sessionTags);
                return null;
            });
            view.put(id, session);
            tags.applyCommitted(session.arn(), sessionTags);
            threads.execute(() -> launch(session.id()));
            return session;
        });
        applications.recordActivity(applicationId);
        return created;
    }

    public Optional<Session> find(SessionId id)
    {
        return Optional.ofNullable(view.get(id));
    }

    public Session get(ApplicationId applicationId, SessionId id)
    {
        applications.get(applicationId);
        Session session = view.get(id);
        if (session == null || !session.applicationId().equals(applicationId)) {
            throw EmrysException.notFound("Session " + id + " does not exist in application " + applicationId);
        }
        return session;
    }

    public Page<Session> list(ApplicationId applicationId, Set<SessionState> states, Optional<Instant> createdAtAfter, Optional<Instant> createdAtBefore,
            Optional<String> nextToken, Optional<Integer> maxResults)
    {
        applications.get(applicationId);
        List<Session> matching = view.values().stream()
                .filter(session -> session.applicationId().equals(applicationId))
                .filter(session -> states.isEmpty() || states.contains(session.state()))
                .filter(session -> createdAtAfter.map(after -> !session.createdAt().isBefore(after)).orElse(true))
                .filter(session -> createdAtBefore.map(before -> !session.createdAt().isAfter(before)).orElse(true))
                .sorted(Comparator.comparing(SessionService::newestFirstKey))
                .toList();
        return Page.of(matching, SessionService::newestFirstKey, nextToken, maxResults);
    }

    /** Terminates a session; one that has already ended is left as it is (200, no change). */
    public Session terminate(ApplicationId applicationId, SessionId id)
    {
        get(applicationId, id);
        return terminate(id, "Session was terminated by the user");
    }

    /** A fresh endpoint token for a connectable session. */
    public Endpoint endpoint(ApplicationId applicationId, SessionId id)
    {
        Session session = get(applicationId, id);
        if (!session.state().isConnectable()) {
            throw EmrysException.validation("Session %s is %s; an endpoint is available only while it is STARTED, IDLE or BUSY".formatted(id, session.state()));
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = clock.instant().plus(TOKEN_LIFETIME);
        String tokenHash = hash(token);
        transactions.write(handle -> {
            dao.insertToken(handle, tokenHash, id, expiresAt);
            return null;
        });
        issuedTokens.put(tokenHash, new SessionDao.IssuedToken(id, expiresAt));
        return new Endpoint(token, expiresAt);
    }

    /**
     * The live session a token belongs to, for the gateway: empty for unknown, expired or foreign-session tokens and
     * for sessions that are not connectable. Only the hash is looked up, never the token itself.
     */
    public Optional<Session> resolveToken(String token)
    {
        Instant now = clock.instant();
        return Optional.ofNullable(issuedTokens.get(hash(token)))
                .filter(issued -> issued.expiresAt().isAfter(now))
                .map(issued -> view.get(issued.session()))
                .filter(session -> session.state().isConnectable() && session.grpcPort().isPresent());
    }

    /** The gateway began forwarding a call to the session's driver. */
    public void callStarted(SessionId id)
    {
        if (calls.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet() == 1) {
            threads.execute(() -> settleActivity(id));
        }
    }

    /** The gateway finished a call to the session's driver. */
    public void callEnded(SessionId id)
    {
        if (calls.computeIfAbsent(id, key -> new AtomicInteger()).decrementAndGet() == 0) {
            threads.execute(() -> settleActivity(id));
        }
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
        transactions.locked(() -> view.computeIfPresent(id, (key, session) -> {
            boolean busy = calls.getOrDefault(id, new AtomicInteger()).get() > 0;
            if (busy && (session.state() == SessionState.IDLE || session.state() == SessionState.STARTED)) {
                return session.to(SessionState.BUSY, "Session is running an operation", clock.instant());
            }
            if (!busy && session.state() == SessionState.BUSY) {
                return session.to(SessionState.IDLE, "Session is idle", clock.instant());
            }
            return session;
        }));
    }

    /** Terminates sessions idle past their timeout and sessions past the 24-hour cap. Periodic; tests call it. */
    public List<SessionId> expire()
    {
        Instant now = clock.instant();
        List<SessionId> expired = new ArrayList<>();
        for (Session session : view.values()) {
            if (session.state().isTerminal() || session.state() == SessionState.TERMINATING) {
                continue;
            }
            Duration idleTimeout = session.spec().idleTimeout();
            boolean idleTooLong = session.state() == SessionState.IDLE && !idleTimeout.isZero()
                    && session.idleSince().map(since -> !since.plus(idleTimeout).isAfter(now)).orElse(false);
            boolean tooOld = !session.createdAt().plus(MAX_SESSION_LIFETIME).isAfter(now);
            if (idleTooLong) {
                terminate(session.id(), "Session was idle for its idleTimeoutMinutes of %d minutes and was terminated".formatted(idleTimeout.toMinutes()));
                expired.add(session.id());
            }
            else if (tooOld) {
                terminate(session.id(), "Session reached the maximum session lifetime of 24 hours and was terminated");
                expired.add(session.id());
            }
        }
        transactions.write(handle -> {
            dao.deleteExpiredTokens(handle, now);
            return null;
        });
        issuedTokens.values().removeIf(issued -> !issued.expiresAt().isAfter(now));
        return expired;
    }

    public boolean hasLiveWork(ApplicationId applicationId)
    {
        return view.values().stream().anyMatch(session -> session.applicationId().equals(applicationId) && !session.state().isTerminal());
    }

    public boolean exists(String arn)
    {
        return view.values().stream().anyMatch(session -> session.arn().equals(arn));
    }

    /** Resource usage of a session's workers. */
    public List<WorkerRecord> workersOf(SessionId id)
    {
        return transactions.read(handle -> workers.forSession(handle, id.value()));
    }

    /** After a restart: re-adopt live drivers, end the rest with a reason, resume sessions never launched. */
    public void recover()
    {
        for (Session session : List.copyOf(view.values())) {
            if (session.state().isTerminal()) {
                continue;
            }
            if (session.state() == SessionState.SUBMITTED) {
                threads.execute(() -> launch(session.id()));
                continue;
            }
            Optional<SessionDriverSupervisor.SessionDriver> adopted = session.driverPid().flatMap(pid ->
                    drivers.adopt(applications.get(session.applicationId()), session, pid, workDir(session)));
            if (adopted.isPresent()) {
                log.info("Re-adopted the driver of session {} (pid {})", session.id(), adopted.get().pid());
                watch(session.id(), adopted.get());
                if (session.state() == SessionState.TERMINATING) {
                    threads.execute(() -> adopted.get().stop(stopGrace));
                }
                else if (session.state() == SessionState.BUSY) {
                    // calls did not survive the restart of the gateway
                    changeIfLive(session.id(), current -> current.to(SessionState.IDLE, "Session is idle", clock.instant()));
                }
            }
            else {
                stopWorker(session.id(), "lost");
                changeIfLive(session.id(), current -> current.state() == SessionState.TERMINATING
                        ? current.to(SessionState.TERMINATED, current.stateDetails(), clock.instant())
                        : current.to(SessionState.FAILED, "The Emrys control plane lost this session's driver while it was down", clock.instant()));
            }
        }
    }

    private Session terminate(SessionId id, String reason)
    {
        Session current = view.get(id);
        if (current == null || current.state().isTerminal() || current.state() == SessionState.TERMINATING) {
            return current;
        }
        Session terminating = changeIfLive(id, session -> session.state().isTerminal() || session.state() == SessionState.TERMINATING
                ? session : session.to(SessionState.TERMINATING, details(reason), clock.instant()));
        SessionDriverSupervisor.SessionDriver driver = live.get(id);
        if (driver != null) {
            threads.execute(() -> driver.stop(stopGrace));
        }
        else if (terminating.driverPid().isEmpty() && terminating.state() == SessionState.TERMINATING && current.state() != SessionState.STARTING
                && current.state() != SessionState.SUBMITTED) {
            changeIfLive(id, session -> session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant()));
        }
        return view.get(id);
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
        SessionDriverSupervisor.SessionDriver driver;
        try {
            driver = drivers.launch(applications.get(starting.applicationId()), starting, workDir(starting));
        }
        catch (RuntimeException e) {
            log.warn("Could not start the driver of session {}", id, e);
            changeIfLive(id, session -> session.state() == SessionState.TERMINATING
                    ? session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant())
                    : session.to(SessionState.FAILED, details("The session's driver could not be started: " + e.getMessage()), clock.instant()));
            return;
        }
        Instant now = clock.instant();
        WorkerRecord worker = new WorkerRecord(workerId(id), starting.applicationId().value(), Optional.empty(), Optional.empty(), WorkerType.DRIVER,
                new WorkerSize(driver.vcpu(), driver.memoryGb(), driver.diskGb()), driver.preInitialized(), now, Optional.empty(), Optional.empty());
        change(id, session -> session.withDriver(driver.pid(), workDir(session).toString(), driver.grpcPort(), driver.uiPort(), now),
                (handle, session) -> workers.insertForSession(handle, worker, id.value()));
        watch(id, driver);
        if (view.get(id).state() == SessionState.TERMINATING) {
            driver.stop(stopGrace);
            return;
        }
        driver.ready().whenCompleteAsync((ignored, failure) -> {
            if (failure != null) {
                log.warn("The driver of session {} did not become ready", id, failure);
                driver.stop(stopGrace);
                return;
            }
            changeIfLive(id, session -> session.state() == SessionState.STARTING
                    ? session.to(SessionState.STARTED, details("Session is ready" + driver.note().map(note -> ". " + note).orElse("")), clock.instant()) : session);
            changeIfLive(id, session -> session.state() == SessionState.STARTED && calls.getOrDefault(id, new AtomicInteger()).get() == 0
                    ? session.to(SessionState.IDLE, details("Session is idle" + driver.note().map(note -> ". " + note).orElse("")), clock.instant()) : session);
        }, threads);
    }

    private void watch(SessionId id, SessionDriverSupervisor.SessionDriver driver)
    {
        live.put(id, driver);
        driver.onExit().whenCompleteAsync((lastErrorLine, failure) -> {
            live.remove(id);
            stopWorker(id, "ended");
            Session ended = view.get(id);
            try {
                logs.publish(ended, workDir(ended));
            }
            catch (RuntimeException e) {
                log.warn("Could not publish the logs of session {}", id, e);
            }
            Optional<String> reason = failure != null ? Optional.of(String.valueOf(failure.getMessage())) : lastErrorLine;
            changeIfLive(id, session -> session.state() == SessionState.TERMINATING
                    ? session.to(SessionState.TERMINATED, session.stateDetails(), clock.instant())
                    : session.to(SessionState.FAILED, details("The session's driver ended unexpectedly" + reason.map(line -> ": " + line).orElse("")),
                    clock.instant()));
            applications.recordActivity(view.get(id).applicationId());
        }, threads);
    }

    private void stopWorker(SessionId id, String reason)
    {
        transactions.write(handle -> {
            workers.markStopped(handle, workerId(id), clock.instant(), reason);
            return null;
        });
    }

    private Session changeIfLive(SessionId id, UnaryOperator<Session> decision)
    {
        return change(id, session -> session.state().isTerminal() ? session : decision.apply(session), (handle, session) -> { });
    }

    private Session change(SessionId id, UnaryOperator<Session> decision, java.util.function.BiConsumer<org.jdbi.v3.core.Handle, Session> alsoInTransaction)
    {
        return transactions.locked(() -> {
            Session current = view.get(id);
            Session next = decision.apply(current);
            if (next != current) {
                transactions.write(handle -> {
                    dao.update(handle, next);
                    alsoInTransaction.accept(handle, next);
                    return null;
                });
                view.put(id, next);
            }
            return next;
        });
    }

    private Optional<Session> earlierSession(String scope, String clientToken, String fingerprint)
    {
        return transactions.read(handle -> tokens.earlierResource(handle, scope, clientToken, fingerprint, "StartSession"))
                .map(id -> view.get(new SessionId(id)));
    }

    private static void requireCanHostSessions(Application application)
    {
        switch (application.state()) {
            case STARTED, STARTING -> { }
            case CREATED, STOPPED -> {
                if (!application.configuration().autoStartEnabled()) {
                    throw EmrysException.conflict("Application %s is %s and auto-start is disabled; start it before starting sessions"
                            .formatted(application.id(), application.state()));
                }
            }
            case CREATING, STOPPING, TERMINATED -> throw EmrysException.conflict(
                    "Application %s is %s and cannot host sessions".formatted(application.id(), application.state()));
        }
    }

    private Path workDir(Session session)
    {
        return sessionsRoot.resolve(session.applicationId().value()).resolve("sessions").resolve(session.id().value());
    }

    private static String workerId(SessionId id)
    {
        return id.value() + "-session-driver";
    }

    static String hash(String token)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String details(String reason)
    {
        return reason.length() <= MAX_DETAILS ? reason : reason.substring(0, MAX_DETAILS - 3) + "...";
    }

    private static String newestFirstKey(Session session)
    {
        return Page.newestFirstKey(session.createdAt(), session.id().value());
    }

    /** Stops every live driver: a clean shutdown ends sessions, which cannot outlive the gateway that reaches them. */
    @Override
    public void close()
    {
        for (Map.Entry<SessionId, SessionDriverSupervisor.SessionDriver> entry : Map.copyOf(live).entrySet()) {
            terminate(entry.getKey(), "Emrys was shut down");
        }
        for (SessionDriverSupervisor.SessionDriver driver : List.copyOf(live.values())) {
            try {
                driver.onExit().get(stopGrace.toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            catch (Exception e) {
                log.warn("Session driver {} did not stop in time", driver.pid());
            }
        }
    }

    /** Publishes an ended session's driver logs (kept in its work dir, uploaded to the application's logUri). */
    @FunctionalInterface
    public interface SessionLogPublisher
    {
        void publish(Session session, Path workDir);
    }

    /** A token for GetSessionEndpoint; the token itself is never stored. */
    public record Endpoint(String token, Instant expiresAt) {}
}
