package io.emrys.session;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.application.Application;
import io.emrys.application.ApplicationService;
import io.emrys.common.Account;
import io.emrys.common.ApplicationId;
import io.emrys.common.Fingerprint;
import io.emrys.common.Page;
import io.emrys.common.ResourceIds;
import io.emrys.common.SessionId;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.gateway.SessionActivity;
import io.emrys.gateway.SessionTarget;
import io.emrys.gateway.SessionTokens;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRecord;
import io.emrys.store.CommittedView;
import io.emrys.store.CreateOnce;
import io.emrys.store.ServiceContext;
import io.emrys.store.Transactions;
import io.emrys.tagging.TagService;
import io.emrys.workload.DriverSupervisor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Interactive sessions, as the API sees them: StartSession (idempotent, within the per-application limit), reads,
 * TerminateSession, endpoint tokens ({@link EndpointTokens}), idle timeout and the 24-hour cap. The life of each
 * session's Spark Connect driver is {@link SessionLifecycle}'s.
 *
 * <p>Threading: every transition is committed under the store's write lock and only then applied to the
 * in-memory view reads are served from ({@link CommittedView}).
 */
public final class SessionService
        implements AutoCloseable
{
    public static final int MAX_LIVE_SESSIONS_PER_APPLICATION = 25;
    public static final Duration MAX_SESSION_LIFETIME = Duration.ofHours(24);

    private final Account account;
    private final Transactions transactions;
    private final SessionDao dao;
    private final WorkerDao workers;
    private final ApplicationService applications;
    private final SessionDrivers drivers;
    private final TagService tags;
    private final CreateOnce createOnce;
    private final ResourceIds ids;
    private final Clock clock;
    private final CommittedView<SessionId, Session> view;
    private final EndpointTokens endpointTokens;
    private final SessionLifecycle lifecycle;

    public SessionService(ServiceContext context, SessionDao dao, WorkerDao workers, ApplicationService applications, SessionDrivers drivers,
            DriverSupervisor supervisor, TagService tags, Executor threads, Path sessionsRoot, SessionLogPublisher logs)
    {
        this.account = context.account();
        this.transactions = context.transactions();
        this.dao = requireNonNull(dao, "dao is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.applications = requireNonNull(applications, "applications is null");
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.tags = requireNonNull(tags, "tags is null");
        this.createOnce = new CreateOnce(context.transactions(), context.tokens());
        this.ids = context.ids();
        this.clock = context.clock();
        this.view = new CommittedView<>(transactions, dao::update);
        transactions.read(dao::all).forEach(session -> view.show(session.id(), session));
        this.endpointTokens = new EndpointTokens(transactions, dao, clock, context.quotas().liveSessionTokens());
        this.lifecycle = new SessionLifecycle(view, applications, drivers, supervisor, logs, clock, threads, sessionsRoot);
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

        CreateOnce.Request request = new CreateOnce.Request("StartSession", "StartSession:" + applicationId, clientToken,
                Fingerprint.of(spec.document(), sessionTags));
        Session created = createOnce.create(request, id -> view.find(new SessionId(id)), () -> applications.startForWork(applicationId), started -> {
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
                createOnce.claim(handle, request, id.value(), now);
                tags.putInTransaction(handle, session.arn(), sessionTags);
                return null;
            });
            view.show(id, session);
            tags.applyCommitted(session.arn(), sessionTags);
            lifecycle.launchLater(session.id());
            return session;
        });
        applications.recordActivity(applicationId);
        return created;
    }

    public Optional<Session> find(SessionId id)
    {
        return view.find(id);
    }

    public Session get(ApplicationId applicationId, SessionId id)
    {
        applications.get(applicationId);
        return view.find(id)
                .filter(session -> session.applicationId().equals(applicationId))
                .orElseThrow(() -> EmrysException.notFound("Session " + id + " does not exist in application " + applicationId));
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
        return lifecycle.terminate(id, "Session was terminated by the user");
    }

    /** A fresh endpoint token for a connectable session. */
    public Endpoint endpoint(ApplicationId applicationId, SessionId id)
    {
        Session session = get(applicationId, id);
        if (!session.state().isConnectable()) {
            throw EmrysException.validation("Session %s is %s; an endpoint is available only while it is STARTED, IDLE or BUSY".formatted(id, session.state()));
        }
        return endpointTokens.issue(id);
    }

    /**
     * The live session a token belongs to, for the gateway: empty for unknown, expired or foreign-session tokens and
     * for sessions that are not connectable. Only the hash is looked up, never the token itself.
     */
    public Optional<Session> resolveToken(String token)
    {
        return endpointTokens.resolve(token)
                .flatMap(view::find)
                .filter(session -> session.state().isConnectable() && session.grpcPort().isPresent());
    }

    /**
     * What the gateway asks on every call: the session, driver port and driver secret an endpoint token opens, if
     * any (a map lookup in memory, no database read).
     */
    public SessionTokens gatewayTokens()
    {
        return token -> resolveToken(token).flatMap(session -> lifecycle.driverSecret(session.id())
                .map(secret -> new SessionTarget(session.id().value(), session.grpcPort().orElseThrow(), secret)));
    }

    /** What the gateway reports each forwarded call to: sessions go BUSY while calls run, IDLE after. */
    public SessionActivity activity()
    {
        return lifecycle.activity();
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
                lifecycle.terminate(session.id(), "Session was idle for its idleTimeoutMinutes of %d minutes and was terminated".formatted(idleTimeout.toMinutes()));
                expired.add(session.id());
            }
            else if (tooOld) {
                lifecycle.terminate(session.id(), "Session reached the maximum session lifetime of 24 hours and was terminated");
                expired.add(session.id());
            }
        }
        endpointTokens.expire(now);
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
        lifecycle.recover();
    }

    private static void requireCanHostSessions(Application application)
    {
        application.whyItRefusesWork("starting sessions", "host sessions").ifPresent(reason -> {
            throw EmrysException.conflict(reason);
        });
    }

    private static String newestFirstKey(Session session)
    {
        return Page.newestFirstKey(session.createdAt(), session.id().value());
    }

    /** Stops every live driver: a clean shutdown ends sessions, which cannot outlive the gateway that reaches them. */
    @Override
    public void close()
    {
        lifecycle.close();
    }

    /** Publishes an ended session's driver logs (kept in its work dir, uploaded to the application's logUri). */
    @FunctionalInterface
    public interface SessionLogPublisher
    {
        void publish(Session session, Path workDir, Optional<String> logUri);
    }

    /** A token for GetSessionEndpoint; the token itself is never stored. */
    public record Endpoint(String token, Instant expiresAt) {}
}
