package io.emrys.testing;

import io.emrys.gateway.GatewayTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The control plane as its own OS process ({@code io.emrys.server.Main server}), so tests can kill it with
 * SIGKILL and start it again over the same data folder and ports.
 */
public final class EmrysProcess
        implements AutoCloseable
{
    private final Path dataDir;
    private final int apiPort;
    private final int objectStorePort;
    private final int gatewayPort;
    private Process process;

    public EmrysProcess(Path dataDir)
    {
        this.dataDir = dataDir;
        this.apiPort = freePort();
        this.objectStorePort = freePort();
        this.gatewayPort = freePort();
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public URI apiEndpoint()
    {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    /** The CA that the gateway's certificate is issued by, generated into the data folder at first start. */
    public Path gatewayTrustStore()
    {
        return GatewayTls.in(dataDir.resolve("tls")).truststore();
    }

    public EmrysProcess start()
    {
        Path root = TestingSparkArtifacts.projectRoot();
        try {
            String classpath = root.resolve("control-plane/target/classes") + ":"
                    + Files.readString(root.resolve("control-plane/target/classpath.txt"), StandardCharsets.UTF_8).trim();
            Path log = Files.createTempFile("emrys-server", ".log");
            process = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath, "io.emrys.server.Main", "server",
                    "--data-dir", dataDir.toString(), "--port", Integer.toString(apiPort), "--s3-port", Integer.toString(objectStorePort),
                    "--gateway-port", Integer.toString(gatewayPort),
                    "--project-root", root.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!Files.readString(log, StandardCharsets.UTF_8).contains("Emrys is ready")) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Emrys did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
                }
                Thread.sleep(100);
            }
            return this;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed beyond what was committed. */
    public void kill()
            throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public EmrServerlessClient serverlessClient()
    {
        return EmrServerlessClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + apiPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    public S3Client s3Client()
    {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + objectStorePort))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    public StaticCredentialsProvider credentials()
    {
        Properties profile = new Properties();
        try {
            // the [emrys] section of the credentials file is "key = value" lines, which Properties reads
            profile.load(Files.newBufferedReader(dataDir.resolve("aws/credentials")));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(profile.getProperty("aws_access_key_id"), profile.getProperty("aws_secret_access_key")));
    }

    /** SIGTERM: the clean shutdown path (drivers stopped, state flushed). */
    @Override
    public void close()
            throws InterruptedException
    {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
