package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A valid signature is only good for the scope it was made for: the real server refuses API requests signed for the
 * object store (a presigned S3 URL replayed at the API) or for another region, and they change nothing.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiSigningScopeIntegrationTest
{
    private TestingEmrys emrys;
    private EmrServerlessClient client;
    private String applicationId;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        client = emrys.serverlessClient();
        applicationId = client.createApplication(request -> request.name("scoped").releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        emrys.close();
    }

    @Test
    void aPresignedObjectStoreUrlReplayedAtTheApiIsRefused()
            throws Exception
    {
        // path style, bucket "applications": the presigned GetObject is GET /applications/<id>, which is GetApplication's route
        URI presigned;
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(emrys.credentials()).serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build()) {
            presigned = presigner.presignGetObject(request -> request.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(get -> get.bucket("applications").key(applicationId))).url().toURI();
        }
        assertThat(presigned.getRawPath()).isEqualTo("/applications/" + applicationId);

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(presigned).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-ErrorType").orElse("")).startsWith("InvalidSignatureException");
        assertThat(response.body()).contains("Credential should be scoped to correct service: 'elasticmapreduce' or 'emr-serverless' or 'iam' or 'sts'.").doesNotContain(applicationId);
    }

    @Test
    void aClientSigningForAnotherRegionIsRefusedAndCreatesNothing()
    {
        try (EmrServerlessClient elsewhere = EmrServerlessClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.EU_WEST_1)
                .credentialsProvider(emrys.credentials()).httpClient(ApacheHttpClient.create()).build()) {
            assertThatThrownBy(() -> elsewhere.createApplication(request -> request.name("elsewhere").releaseLabel("emr-spark-8.0").type("SPARK")))
                    .isInstanceOfSatisfying(AwsServiceException.class, failure -> {
                        assertThat(failure.statusCode()).isEqualTo(403);
                        assertThat(failure.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(failure.awsErrorDetails().errorMessage()).startsWith("Credential should be scoped to a valid region.");
                    });
        }

        assertThat(client.listApplications(request -> {}).applications()).extracting(application -> application.name()).containsExactly("scoped");
    }
}
