package io.emrys.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
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
}
