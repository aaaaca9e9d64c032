package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.common.AccountQuotas;
import io.emrys.testing.ProfileCommands;
import io.emrys.testing.ProfileCommands.Result;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.emrserverless.model.WorkerResourceConfig;

/**
 * The account's quotas with the Java SDK and the AWS CLI, on a server whose limits are small: the applications quota
 * on CreateApplication, and the concurrent-vCPU quota on StartApplication of pre-initialized capacity that cannot fit.
 * Each refusal is ServiceQuotaExceededException (402) and changes nothing. No Spark starts here (the refused start
 * launches nothing; the one application that starts has no initial capacity). The session-token and queued-run quotas
 * are held by {@code SessionServiceTest} and {@code JobRunServiceTest}, and the cross-application vCPU accounting by
 * {@code CapacityLedgerTest}.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountQuotasIntegrationTest
{
    private TestingEmrys emrys;
    private EmrServerlessClient client;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(),
                config -> config.withQuotas(AccountQuotas.DEFAULTS.withApplications(2).withConcurrentVcpus(4)));
        client = emrys.serverlessClient();
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        emrys.close();
    }

    @Test
    void quotasRefuseWhatWouldPassThemAndChangeNothing()
            throws Exception
    {
        String small = create("small", Map.of());
        // 1 driver and 2 executors of 2 vCPU: 6 vCPU, more than the account's 4, though the application's maximum allows it
        WorkerResourceConfig twoVcpu = WorkerResourceConfig.builder().cpu("2 vCPU").memory("2 GB").build();
        String big = create("big", Map.of(
                "DRIVER", InitialCapacityConfig.builder().workerCount(1L).workerConfiguration(twoVcpu).build(),
                "EXECUTOR", InitialCapacityConfig.builder().workerCount(2L).workerConfiguration(twoVcpu).build()));

        assertThatThrownBy(() -> create("third", Map.of()))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(402);
                    assertThat(e.getMessage()).contains("already has 2 applications");
                });
        assertThat(client.listApplications(request -> { }).applications()).hasSize(2);

        assertThatThrownBy(() -> client.startApplication(request -> request.applicationId(big)))
                .isInstanceOfSatisfying(ServiceQuotaExceededException.class, e -> assertThat(e.getMessage())
                        .contains("needs more vCPU than the account's quota of concurrent vCPUs (4 vCPU) leaves free (4 vCPU)"));
        assertThat(client.getApplication(request -> request.applicationId(big)).application().state()).isEqualTo(ApplicationState.CREATED);

        // what the CLI user sees: the same error by name, and the application list unchanged
        Result cli = new ProfileCommands(emrys.server()).aws("emr-serverless", "create-application", "--name", "from-cli", "--type", "SPARK",
                "--release-label", "emr-spark-8.0");
        assertThat(cli.exitCode()).isNotZero();
        assertThat(cli.stderr()).contains("ServiceQuotaExceededException").contains("already has 2 applications");

        // deleting one frees its place
        client.deleteApplication(request -> request.applicationId(small));
        assertThat(create("after-delete", Map.of())).isNotBlank();
    }

    private String create(String name, Map<String, InitialCapacityConfig> initialCapacity)
    {
        return client.createApplication(request -> request.name(name).type("SPARK").releaseLabel("emr-spark-8.0")
                .clientToken(UUID.randomUUID().toString())
                .initialCapacity(initialCapacity.isEmpty() ? null : initialCapacity)).applicationId();
    }
}
