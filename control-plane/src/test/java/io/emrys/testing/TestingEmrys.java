package io.emrys.testing;

import io.emrys.common.AccountQuotas;
import io.emrys.server.EmrysConfig;
import io.emrys.server.EmrysServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real Emrys server on free loopback ports over a temporary data folder, with SDK clients signed by its root key.
 * The Spark runtime and test jobs come from this checkout's build ({@code mvn package} builds them before the
 * control plane's tests run).
 */
public final class TestingEmrys
        implements AutoCloseable
{
    /** AWS's defaults but a concurrent-vCPU quota no test class reaches by accident. */
    public static final AccountQuotas TESTS_QUOTAS = AccountQuotas.DEFAULTS.withConcurrentVcpus(100_000);

    private final Path dataDir;
    private final EmrysServer server;
    private final String executionRoleArn;

    public TestingEmrys(Clock clock)
    {
        this(clock, java.util.function.UnaryOperator.identity());
    }

    /** @param customize changes to the test defaults (free ports, temporary data folder, 1-core 1 GB drivers) */
    public TestingEmrys(Clock clock, java.util.function.UnaryOperator<EmrysConfig> customize)
    {
        try {
            this.dataDir = Files.createTempDirectory("emrys-test");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmrysConfig defaults = EmrysConfig.defaults(dataDir, TestingSparkArtifacts.projectRoot());
        EmrysConfig config = new EmrysConfig(dataDir, 0, 0, defaults.projectRoot(), defaults.region(), 1, 1024,
                Duration.ofHours(1), Duration.ofSeconds(5), java.util.Optional.empty(), 0, true, defaults.releasePins(), defaults.offline(),
                defaults.gatewayAddress(), java.util.Optional.empty())
                // tests of everything but quotas run many applications side by side; AccountQuotasIntegrationTest sets its own
                .withQuotas(TESTS_QUOTAS);
        this.server = new EmrysServer(customize.apply(config), clock).start();
        try {
            this.executionRoleArn = TestingRoles.ensure(server.iam(), TestingRoles.STANDARD_ROLE, TestingRoles.SERVICE_TRUST, TestingRoles.S3_EVERYTHING);
        }
        catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The standard execution role ({@link TestingRoles#STANDARD_ROLE}): trusted by EMR Serverless, {@code s3:*} on everything. */
    public String executionRoleArn()
    {
        return executionRoleArn;
    }

    /** The ARN a role of this server's account named {@code roleName} has (whether or not it exists). */
    public String roleArn(String roleName)
    {
        return TestingRoles.roleArn(server.accessKeys().accountId(), roleName);
    }

    public EmrysServer server()
    {
        return server;
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public URI apiEndpoint()
    {
        return server.apiEndpoint();
    }

    public EmrServerlessClient serverlessClient()
    {
        return EmrServerlessClient.builder()
                .endpointOverride(server.apiEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** The AWS SDK's EMR (on EC2) client, signed by the root key. */
    public EmrClient emrClient()
    {
        return EmrClient.builder()
                .endpointOverride(server.apiEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    public S3Client s3Client()
    {
        return S3Client.builder()
                .endpointOverride(server.objectStoreEndpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    public StaticCredentialsProvider credentials()
    {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                server.accessKeys().root().accessKeyId(), server.accessKeys().root().secretAccessKey()));
    }

    @Override
    public void close()
    {
        server.close();
    }
}
