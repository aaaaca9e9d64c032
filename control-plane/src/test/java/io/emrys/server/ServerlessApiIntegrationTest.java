package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.Application;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.ApplicationSummary;
import software.amazon.awssdk.services.emrserverless.model.ConflictException;
import software.amazon.awssdk.services.emrserverless.model.CreateApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.EmrServerlessException;
import software.amazon.awssdk.services.emrserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;

/**
 * The application and tagging operations through the official AWS SDK for Java v2, against a real server. No
 * Spark process starts here; job runs on real Spark are in {@link SparkJobRunIntegrationTest}.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerlessApiIntegrationTest
{
    private TestingEmrys emrys;
    private EmrServerlessClient client;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        client = emrys.serverlessClient();
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        emrys.close();
    }

    @Test
    void applicationLifecycleThroughTheSdk()
    {
        CreateApplicationResponse created = client.createApplication(request -> request
                .name("lifecycle").releaseLabel("emr-spark-8.0").type("SPARK").tags(Map.of("team", "data")));
        String id = created.applicationId();
        assertThat(id).matches("[0-9a-z]{16}");
        assertThat(created.arn()).endsWith(":/applications/" + id).startsWith("arn:aws:emr-serverless:us-east-1:");

        Application application = client.getApplication(request -> request.applicationId(id)).application();
        assertThat(application.state()).isEqualTo(ApplicationState.CREATED);
        assertThat(application.autoStartConfiguration().enabled()).isTrue();
        assertThat(application.autoStopConfiguration().idleTimeoutMinutes()).isEqualTo(15);
        assertThat(application.tags()).containsEntry("team", "data");
        assertThat(application.createdAt()).isNotNull();

        client.updateApplication(request -> request.applicationId(id).autoStopConfiguration(stop -> stop.idleTimeoutMinutes(30)));
        assertThat(client.getApplication(request -> request.applicationId(id)).application().autoStopConfiguration().idleTimeoutMinutes()).isEqualTo(30);

        client.startApplication(request -> request.applicationId(id));
        assertThat(client.getApplication(request -> request.applicationId(id)).application().state()).isEqualTo(ApplicationState.STARTED);
        assertThatThrownBy(() -> client.updateApplication(request -> request.applicationId(id).releaseLabel("emr-spark-8.0")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Current status: STARTED");
        assertThatThrownBy(() -> client.deleteApplication(request -> request.applicationId(id))).isInstanceOf(ValidationException.class);

        client.stopApplication(request -> request.applicationId(id));
        assertThat(client.getApplication(request -> request.applicationId(id)).application().state()).isEqualTo(ApplicationState.STOPPED);
        client.deleteApplication(request -> request.applicationId(id));
        assertThat(client.getApplication(request -> request.applicationId(id)).application().state()).isEqualTo(ApplicationState.TERMINATED);
    }

    @Test
    void listApplicationsPaginatesAndFiltersByState()
    {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "paged-" + i;
            ids.add(client.createApplication(request -> request.name(name).releaseLabel("emr-spark-8.0").type("SPARK")).applicationId());
        }
        client.startApplication(request -> request.applicationId(ids.get(0)));

        List<String> listed = client.listApplicationsPaginator(request -> request.maxResults(2)).applications().stream()
                .map(ApplicationSummary::id)
                .toList();
        assertThat(listed).containsAll(ids).doesNotHaveDuplicates();
        assertThat(client.listApplications(request -> request.maxResults(2)).nextToken()).isNotNull();
        assertThat(client.listApplications(request -> request.states(ApplicationState.STARTED)).applications())
                .extracting(ApplicationSummary::id)
                .contains(ids.get(0))
                .doesNotContain(ids.get(1));
    }

    @Test
    void createApplicationIsIdempotentByClientToken()
    {
        String first = client.createApplication(request -> request.name("idem").releaseLabel("emr-spark-8.0").type("SPARK").clientToken("token-1")).applicationId();
        String again = client.createApplication(request -> request.name("idem").releaseLabel("emr-spark-8.0").type("SPARK").clientToken("token-1")).applicationId();

        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> client.createApplication(request -> request.name("other").releaseLabel("emr-spark-8.0").type("SPARK").clientToken("token-1")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void unknownResourcesAreResourceNotFound()
    {
        assertThatThrownBy(() -> client.getApplication(request -> request.applicationId("00doesnotexist00")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.startApplication(request -> request.applicationId("00doesnotexist00")))
                .isInstanceOf(ResourceNotFoundException.class);
        String id = client.createApplication(request -> request.releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();
        assertThatThrownBy(() -> client.getJobRun(request -> request.applicationId(id).jobRunId("00nosuchrun0000")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.listTagsForResource(request -> request.resourceArn(
                "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00doesnotexist00")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void cancelJobRunTakesAShutdownGraceOfZeroOrFifteenToEighteenHundredSeconds()
    {
        String id = client.createApplication(request -> request.releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();

        // a grace AWS accepts gets past validation to the lookup of the (missing) run
        for (int accepted : List.of(0, 15, 1800)) {
            assertThatThrownBy(() -> client.cancelJobRun(request -> request.applicationId(id).jobRunId("00nosuchrun0000").shutdownGracePeriodInSeconds(accepted)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
        for (int refused : List.of(-1, 1, 14, 1801)) {
            assertThatThrownBy(() -> client.cancelJobRun(request -> request.applicationId(id).jobRunId("00nosuchrun0000").shutdownGracePeriodInSeconds(refused)))
                    .isInstanceOf(ValidationException.class)
                    .hasMessageContaining("shutdownGracePeriodInSeconds");
        }
    }

    @Test
    void unsupportedEnginesAndReleaseLabelsAreValidationErrors()
    {
        assertThatThrownBy(() -> client.createApplication(request -> request.releaseLabel("emr-spark-8.0").type("HIVE")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("HIVE");
        assertThatThrownBy(() -> client.createApplication(request -> request.releaseLabel("emr-5.36.0").type("SPARK")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("emr-spark-8.0");
    }

    @Test
    void tagsCanBeAddedListedAndRemoved()
    {
        String arn = client.createApplication(request -> request.releaseLabel("emr-spark-8.0").type("SPARK")).arn();

        client.tagResource(request -> request.resourceArn(arn).tags(Map.of("a", "1", "b", "2")));
        assertThat(client.listTagsForResource(request -> request.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
        client.untagResource(request -> request.resourceArn(arn).tagKeys("a"));
        assertThat(client.listTagsForResource(request -> request.resourceArn(arn)).tags()).containsExactlyInAnyOrderEntriesOf(Map.of("b", "2"));
    }

    @Test
    void badSignatureIsRefused()
    {
        EmrServerlessClient forged = EmrServerlessClient.builder()
                .endpointOverride(emrys.apiEndpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(emrys.server().accessKeys().root().accessKeyId(), "wrong-secret")))
                .httpClient(software.amazon.awssdk.http.apache.ApacheHttpClient.create())
                .build();

        assertThatThrownBy(() -> forged.listApplications(request -> { }))
                .isInstanceOfSatisfying(EmrServerlessException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        forged.close();
    }
}
