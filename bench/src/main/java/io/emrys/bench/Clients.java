package io.emrys.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

/** SDK clients for the server under test: signed with its root key, Apache HTTP client, loopback endpoints. */
final class Clients
{
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private Clients() {}

    /**
     * No retries: a retried request would hide an error inside a longer latency. Enough pooled connections for
     * every load thread.
     */
    static EmrServerlessClient serverless(URI endpoint, AwsBasicCredentials credentials, int connections)
    {
        return EmrServerlessClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(ApacheHttpClient.builder().maxConnections(connections).build())
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(CALL_TIMEOUT))
                .build();
    }

    static S3Client s3(URI endpoint, AwsBasicCredentials credentials)
    {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    static IamClient iam(URI endpoint, AwsBasicCredentials credentials)
    {
        return IamClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /**
     * A new IAM user with a key whose one inline policy allows exactly {@code action} on {@code resource}, so that its
     * calls take the whole authorization path (policy lookup and evaluation) that the root identity skips.
     */
    static AwsBasicCredentials userAllowedTo(URI endpoint, AwsBasicCredentials root, String userName, String action, String resource)
    {
        try (IamClient iam = iam(endpoint, root)) {
            iam.createUser(request -> request.userName(userName));
            iam.putUserPolicy(request -> request.userName(userName).policyName("bench").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"%s\",\"Resource\":\"%s\"}]}".formatted(action, resource)));
            AccessKey key = iam.createAccessKey(request -> request.userName(userName)).accessKey();
            return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
        }
    }
}
