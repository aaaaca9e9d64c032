package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * STS's temporary credentials with the AWS SDK for Java v2, whose IAM and STS clients post to {@code /} (served there by
 * signing name): a user assumes a role and uses its session until the server's clock passes the expiration, after
 * which every endpoint answers ExpiredToken. Its own server, because the test moves that server's clock.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsTemporaryCredentialsIntegrationTest
{
    private final TestingClock clock = TestingClock.followingSystemTime();
    private TestingEmrys emrys;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(clock);
    }

    @AfterAll
    void stopServer()
    {
        emrys.close();
    }

    @Test
    void aRoleSessionWorksUntilItExpiresAndThenGetsExpiredToken()
    {
        String account = emrys.server().accessKeys().accountId();
        AccessKey key;
        try (IamClient iam = IamClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1).credentialsProvider(emrys.credentials())
                .httpClient(ApacheHttpClient.create()).build()) {
            iam.createUser(request -> request.userName("frank"));
            key = iam.createAccessKey(request -> request.userName("frank")).accessKey();
            iam.createRole(request -> request.roleName("lister").assumeRolePolicyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/frank"},"Action":"sts:AssumeRole"}]}"""
                    .formatted(account)));
            iam.putRolePolicy(request -> request.roleName("lister").policyName("list").policyDocument("""
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"emr-serverless:ListApplications","Resource":"*"}]}"""));
        }

        AssumeRoleResponse assumed;
        try (StsClient sts = StsClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .httpClient(ApacheHttpClient.create()).build()) {
            assumed = sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + account + ":role/lister").roleSessionName("batch").durationSeconds(900));
        }
        Credentials credentials = assumed.credentials();
        assertThat(credentials.expiration()).isBetween(clock.instant().plusSeconds(890), clock.instant().plusSeconds(910));
        AwsCredentialsProvider session = StaticCredentialsProvider.create(
                AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));

        try (StsClient sts = StsClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1).credentialsProvider(session)
                .httpClient(ApacheHttpClient.create()).build();
                EmrServerlessClient serverless = EmrServerlessClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                        .credentialsProvider(session).httpClient(ApacheHttpClient.create()).overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                        .build()) {
            assertThat(sts.getCallerIdentity().arn()).isEqualTo("arn:aws:sts::" + account + ":assumed-role/lister/batch");
            assertThat(serverless.listApplications(request -> {}).applications()).isEmpty();

            clock.advance(Duration.ofSeconds(901));
            AwsServiceException expired = catchThrowableOfType(() -> serverless.listApplications(request -> {}), AwsServiceException.class);

            assertThat(expired.statusCode()).isEqualTo(403);
            assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException");
            assertThat(expired.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is expired");
        }
    }
}
