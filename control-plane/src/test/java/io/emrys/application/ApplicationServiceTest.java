package io.emrys.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Account;
import io.emrys.common.AccountQuotas;
import io.emrys.common.ResourceIds;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.store.Database;
import io.emrys.store.IdempotencyTokens;
import io.emrys.store.Transactions;
import io.emrys.testing.TestingClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ApplicationServiceTest
{
    private static final int APPLICATION_QUOTA = 6;

    private final ObjectMapper json = new ObjectMapper();
    private final TestingClock clock = new TestingClock(Instant.parse("2026-11-21T10:00:00Z"));
    private final AtomicBoolean busy = new AtomicBoolean();
    @TempDir
    Path dataDir;
    private Transactions transactions;
    private ApplicationService service;

    @BeforeEach
    void setUp()
    {
        transactions = new Transactions(Database.openSqlite(dataDir.resolve("emrys.db")));
        service = newService();
    }

    private ApplicationService newService()
    {
        ApplicationService created = new ApplicationService(new Account("123456789012", "us-east-1"), transactions, new ApplicationDao(json),
                new IdempotencyTokens(), new ResourceIds(new Random(7)), clock, configuration -> {
                    if (!configuration.releaseLabel().equals("emr-spark-8.0")) {
                        throw EmrysException.validation("unsupported " + configuration.releaseLabel());
                    }
                }, AccountQuotas.DEFAULTS.withApplications(APPLICATION_QUOTA));
        created.setActivity(id -> busy.get());
        return created;
    }

    @Test
    void createsApplicationWithAwsDefaults()
    {
        Application application = service.create(input("etl"), "token-1");

        assertThat(application.state()).isEqualTo(ApplicationState.CREATED);
        assertThat(application.arn()).isEqualTo("arn:aws:emr-serverless:us-east-1:123456789012:/applications/" + application.id());
        assertThat(application.configuration().autoStartEnabled()).isTrue();
        assertThat(application.configuration().autoStopIdleTimeout()).contains(Duration.ofMinutes(15));
        assertThat(application.configuration().document().path("architecture").asText()).isEqualTo("X86_64");
    }

    @Test
    void sameClientTokenReturnsTheSameApplication()
    {
        Application first = service.create(input("etl"), "token-1");
        Application again = service.create(input("etl"), "token-1");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(service.list(Set.of(), Optional.empty(), Optional.empty()).items()).hasSize(1);
    }

    @Test
    void refusesAnApplicationPastTheAccountQuotaUntilOneIsDeleted()
    {
        Application first = service.create(input("a"), "t-a");
        for (int i = 1; i < APPLICATION_QUOTA; i++) {
            service.create(input("app" + i), "t-" + i);
        }

        assertThatThrownBy(() -> service.create(input("d"), "t-d"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_QUOTA_EXCEEDED))
                .hasMessageContaining("already has " + APPLICATION_QUOTA + " applications");
        assertThat(service.list(Set.of(), Optional.empty(), Optional.empty()).items()).hasSize(APPLICATION_QUOTA);
        // a retry of an earlier creation is not a new application
        assertThat(service.create(input("a"), "t-a").id()).isEqualTo(first.id());

        service.delete(first.id());
        assertThat(service.create(input("d"), "t-d").state()).isEqualTo(ApplicationState.CREATED);
    }

    @Test
    void clientTokenReusedForDifferentRequestIsAConflict()
    {
        service.create(input("etl"), "token-1");

        assertThatThrownBy(() -> service.create(input("other"), "token-1"))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void refusesHiveAndUnknownReleaseLabelsWithoutStoringAnything()
    {
        ObjectNode hive = input("h").put("type", "HIVE");
        ObjectNode unknownLabel = input("u").put("releaseLabel", "emr-6.9.0");

        assertThatThrownBy(() -> service.create(hive, "t1")).hasMessageContaining("HIVE is not supported");
        assertThatThrownBy(() -> service.create(unknownLabel, "t2")).hasMessageContaining("unsupported emr-6.9.0");
        assertThat(service.list(Set.of(), Optional.empty(), Optional.empty()).items()).isEmpty();
    }

    @Test
    void startsStopsAndRefusesUpdatesWhileStarted()
    {
        Application application = service.create(input("etl"), "t");
        service.start(application.id());

        assertThat(service.get(application.id()).state()).isEqualTo(ApplicationState.STARTED);
        assertThatThrownBy(() -> service.update(application.id(), json.createObjectNode().put("releaseLabel", "emr-spark-8.0")))
                .hasMessageContaining("must be in one of the following statuses [CREATED, STOPPED]. Current status: STARTED");
        assertThatThrownBy(() -> service.delete(application.id())).isInstanceOf(EmrysException.class);

        service.stop(application.id());
        assertThat(service.get(application.id()).state()).isEqualTo(ApplicationState.STOPPED);
        Application updated = service.update(application.id(), json.createObjectNode().set("autoStopConfiguration", json.createObjectNode().put("idleTimeoutMinutes", 5)));
        assertThat(updated.configuration().autoStopIdleTimeout()).contains(Duration.ofMinutes(5));
        assertThat(updated.configuration().name()).contains("etl");
    }

    @Test
    void stopIsRefusedWhileJobsRun()
    {
        Application application = service.create(input("etl"), "t");
        service.start(application.id());
        busy.set(true);

        assertThatThrownBy(() -> service.stop(application.id())).isInstanceOf(EmrysException.class);
        assertThat(service.get(application.id()).state()).isEqualTo(ApplicationState.STARTED);
    }

    @Test
    void autoStopsAfterIdleTimeoutOnTheClock()
    {
        Application application = service.create(input("etl"), "t");
        service.start(application.id());

        clock.advance(Duration.ofMinutes(14));
        assertThat(service.stopIdleApplications()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.stopIdleApplications()).containsExactly(application.id());
        assertThat(service.get(application.id()).state()).isEqualTo(ApplicationState.STOPPED);
    }

    @Test
    void busyApplicationIsNotAutoStopped()
    {
        Application application = service.create(input("etl"), "t");
        service.start(application.id());
        busy.set(true);
        clock.advance(Duration.ofHours(2));

        assertThat(service.stopIdleApplications()).isEmpty();
    }

    @Test
    void deletedApplicationStaysAsTerminatedTombstoneAcrossRestart()
    {
        Application application = service.create(input("etl"), "t");
        service.delete(application.id());

        ApplicationService restarted = newService();
        assertThat(restarted.get(application.id()).state()).isEqualTo(ApplicationState.TERMINATED);
        assertThatThrownBy(() -> restarted.start(application.id())).isInstanceOf(EmrysException.class);
    }

    @Test
    void pagesThroughApplicationsInCreationOrder()
    {
        for (int i = 0; i < 5; i++) {
            service.create(input("app" + i), "t" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        var first = service.list(Set.of(), Optional.empty(), Optional.of(2));
        var second = service.list(Set.of(), first.nextToken(), Optional.of(2));
        var third = service.list(Set.of(), second.nextToken(), Optional.of(2));

        assertThat(first.items()).extracting(a -> a.configuration().name().orElseThrow()).containsExactly("app0", "app1");
        assertThat(second.items()).extracting(a -> a.configuration().name().orElseThrow()).containsExactly("app2", "app3");
        assertThat(third.items()).extracting(a -> a.configuration().name().orElseThrow()).containsExactly("app4");
        assertThat(third.nextToken()).isEmpty();
    }

    private ObjectNode input(String name)
    {
        return json.createObjectNode().put("name", name).put("releaseLabel", "emr-spark-8.0").put("type", "SPARK");
    }
}
