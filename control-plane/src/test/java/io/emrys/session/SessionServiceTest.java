package io.emrys.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.application.Application;
import io.emrys.application.ApplicationDao;
import io.emrys.application.ApplicationService;
import io.emrys.application.ApplicationState;
import io.emrys.common.Account;
import io.emrys.common.AccountQuotas;
import io.emrys.common.ResourceIds;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.metering.WorkerDao;
import io.emrys.store.Database;
import io.emrys.store.IdempotencyTokens;
import io.emrys.store.ServiceContext;
import io.emrys.store.Transactions;
import io.emrys.workload.DriverSupervisor;
import io.emrys.tagging.TagDao;
import io.emrys.tagging.TagService;
import io.emrys.testing.TestingClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SessionServiceTest
{
    private static final String ROLE = "arn:aws:iam::123456789012:role/session-role";
    private static final String EXECUTE_PLAN = "spark.connect.SparkConnectService/ExecutePlan";

    private final ObjectMapper json = new ObjectMapper();
    private final TestingClock clock = new TestingClock(Instant.parse("2026-11-21T10:00:00Z"));
    @TempDir
    Path dataDir;
    private ApplicationService applications;
    private static final int LIVE_TOKEN_QUOTA = 3;

    private SessionService sessions;
    private SessionModule module;

    @BeforeEach
    void setUp()
    {
        Transactions transactions = new Transactions(Database.openSqlite(dataDir.resolve("emrys.db")));
        ServiceContext context = new ServiceContext(new Account("123456789012", "us-east-1"), transactions, json, new IdempotencyTokens(),
                new ResourceIds(new Random()), clock, AccountQuotas.DEFAULTS.withLiveSessionTokens(LIVE_TOKEN_QUOTA));
        applications = new ApplicationService(context.account(), transactions, new ApplicationDao(json), context.tokens(), context.ids(), clock,
                configuration -> { }, AccountQuotas.DEFAULTS);
        // the module the server assembles, over the sleeping fake at the process edge
        module = SessionModule.create(context, applications, new TagService(transactions, new TagDao()), new SleepingSessionDrivers(), new WorkerDao(),
                (session, workDir, logUri) -> { }, dataDir.resolve("applications"), Duration.ofSeconds(2));
        sessions = module.service();
        applications.setActivity(sessions::hasLiveWork);
    }

    @AfterEach
    void tearDown()
    {
        module.close();
    }

    @Test
    void sessionStartsToIdleAndAutoStartsTheApplication()
    {
        Application application = sessionApplication();
        Session session = start(application, "t1");

        assertThat(session.arn()).endsWith("/applications/" + application.id() + "/sessions/" + session.id());
        Session idle = awaitState(session, SessionState.IDLE);
        assertThat(idle.startedAt()).isPresent();
        assertThat(idle.idleSince()).isPresent();
        assertThat(applications.get(application.id()).state()).isEqualTo(ApplicationState.STARTED);
    }

    @Test
    void applicationWithoutSessionsEnabledRefusesAndStoresNothing()
    {
        Application application = applications.create(json.createObjectNode().put("releaseLabel", "emr-spark-8.0").put("type", "SPARK"), "plain");

        assertThatThrownBy(() -> start(application, "t1"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("sessionEnabled");
        assertThat(sessions.list(application.id(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()).items()).isEmpty();
    }

    @Test
    void clientTokenMakesStartSessionIdempotent()
    {
        Application application = sessionApplication();

        assertThat(start(application, "same").id()).isEqualTo(start(application, "same").id());
    }

    @Test
    void endpointTokensResolveOnlyToTheirOwnLiveSessionUntilTheyExpire()
    {
        Application application = sessionApplication();
        Session first = awaitState(start(application, "a"), SessionState.IDLE);
        Session second = awaitState(start(application, "b"), SessionState.IDLE);

        SessionService.Endpoint endpoint = sessions.endpoint(application.id(), first.id());

        assertThat(endpoint.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(sessions.resolveToken(endpoint.token())).map(Session::id).contains(first.id());
        assertThat(sessions.resolveToken(endpoint.token())).map(Session::id).isNotEqualTo(Optional.of(second.id()));
        assertThat(sessions.resolveToken("not-a-token")).isEmpty();
        clock.advance(Duration.ofMinutes(61));
        assertThat(sessions.resolveToken(endpoint.token())).isEmpty();
    }

    @Test
    void refusesEndpointTokensPastTheAccountQuotaUntilSomeExpire()
    {
        Application application = sessionApplication();
        Session session = awaitState(start(application, "a"), SessionState.IDLE);
        for (int i = 0; i < LIVE_TOKEN_QUOTA; i++) {
            sessions.endpoint(application.id(), session.id());
        }

        assertThatThrownBy(() -> sessions.endpoint(application.id(), session.id()))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_QUOTA_EXCEEDED))
                .hasMessageContaining("already holds 3 unexpired session endpoint tokens");
        clock.advance(Duration.ofMinutes(61));
        SessionService.Endpoint fresh = sessions.endpoint(application.id(), session.id());
        assertThat(sessions.resolveToken(fresh.token())).map(Session::id).contains(session.id());
    }

    @Test
    void busyWhileCallsRunIdleAfter()
    {
        Application application = sessionApplication();
        Session session = awaitState(start(application, "t1"), SessionState.IDLE);

        sessions.activity().callStarted(session.id().value(), EXECUTE_PLAN);
        sessions.activity().callStarted(session.id().value(), EXECUTE_PLAN);
        awaitState(session, SessionState.BUSY);
        sessions.activity().callEnded(session.id().value(), EXECUTE_PLAN);
        sessions.activity().callEnded(session.id().value(), EXECUTE_PLAN);
        awaitState(session, SessionState.IDLE);
    }

    @Test
    void idleTimeoutTerminatesTheSessionOnTheClock()
    {
        Application application = sessionApplication();
        ObjectNode input = sessionInput().put("idleTimeoutMinutes", 30);
        Session session = awaitState(sessions.start(application.id(), input, "t1", Map.of(), ROLE), SessionState.IDLE);

        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.expire()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.expire()).containsExactly(session.id());

        Session ended = awaitState(session, SessionState.TERMINATED);
        assertThat(ended.stateDetails()).contains("idleTimeoutMinutes of 30 minutes");
        assertThatThrownBy(() -> sessions.endpoint(application.id(), session.id())).isInstanceOf(EmrysException.class);
    }

    @Test
    void sessionsEndAfterTwentyFourHoursEvenWhenBusy()
    {
        Application application = sessionApplication();
        Session session = awaitState(start(application, "t1"), SessionState.IDLE);
        sessions.activity().callStarted(session.id().value(), EXECUTE_PLAN);
        awaitState(session, SessionState.BUSY);

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(sessions.expire()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(sessions.expire()).containsExactly(session.id());
        assertThat(awaitState(session, SessionState.TERMINATED).stateDetails()).contains("24 hours");
    }

    @Test
    void atMostTwentyFiveLiveSessionsPerApplication()
    {
        Application application = sessionApplication();
        for (int i = 0; i < SessionService.MAX_LIVE_SESSIONS_PER_APPLICATION; i++) {
            start(application, "t" + i);
        }

        assertThatThrownBy(() -> start(application, "one-too-many"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_QUOTA_EXCEEDED));
    }

    @Test
    void liveSessionsKeepTheApplicationFromStopping()
    {
        Application application = sessionApplication();
        Session session = awaitState(start(application, "t1"), SessionState.IDLE);
        clock.advance(Duration.ofHours(2));

        assertThat(applications.stopIdleApplications()).isEmpty();
        assertThatThrownBy(() -> applications.stop(application.id())).isInstanceOf(EmrysException.class);

        sessions.terminate(application.id(), session.id());
        awaitState(session, SessionState.TERMINATED);
        applications.stop(application.id());
        assertThat(applications.get(application.id()).state()).isEqualTo(ApplicationState.STOPPED);
    }

    @Test
    void terminatingAnEndedSessionChangesNothing()
    {
        Application application = sessionApplication();
        Session session = awaitState(start(application, "t1"), SessionState.IDLE);
        sessions.terminate(application.id(), session.id());
        Session ended = awaitState(session, SessionState.TERMINATED);

        assertThat(sessions.terminate(application.id(), session.id())).isEqualTo(ended);
    }

    @Test
    void shutdownEndsEverySessionIncludingOnesStillLaunching()
    {
        Application application = sessionApplication();
        List<Session> started = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            started.add(start(application, "shutdown-" + i));
        }

        module.close();

        // sessions still launching at shutdown end too: their launching threads stop the drivers they start
        for (Session session : started) {
            assertThat(awaitState(session, SessionState.TERMINATED).stateDetails()).isEqualTo("Emrys was shut down");
        }
    }

    private Application sessionApplication()
    {
        ObjectNode input = json.createObjectNode().put("releaseLabel", "emr-spark-8.0").put("type", "SPARK");
        input.putObject("interactiveConfiguration").put("sessionEnabled", true);
        return applications.create(input, "app-" + System.nanoTime());
    }

    private Session start(Application application, String token)
    {
        return sessions.start(application.id(), sessionInput(), token, Map.of(), ROLE);
    }

    private ObjectNode sessionInput()
    {
        return json.createObjectNode().put("executionRoleArn", ROLE);
    }

    private Session awaitState(Session session, SessionState state)
    {
        await().atMost(Duration.ofSeconds(20)).until(() -> sessions.get(session.applicationId(), session.id()).state() == state);
        return sessions.get(session.applicationId(), session.id());
    }
}
