package io.emrys.objectstore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;

/**
 * Creates the control plane's own AWS SDK v2 {@link S3Client} for an {@link ObjectStoreSettings}. The caller owns
 * the client and closes it.
 */
public final class S3Clients
{
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(2);

    private S3Clients() {}

    public static S3Client create(ObjectStoreSettings settings)
    {
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
                .forcePathStyle(settings.pathStyle())
                // Since SDK 2.30 the default adds CRC32 checksums to every upload in an aws-chunked trailer;
                // several S3-compatible endpoints an operator may configure (older MinIO and Ceph releases)
                // reject that encoding. Checksums are still sent where S3 requires them.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // The JDK's HttpURLConnection: no extra connection pool library on the server's classpath; the
                // control plane's uploads (job logs) are few and sequential.
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .build();
    }
}
