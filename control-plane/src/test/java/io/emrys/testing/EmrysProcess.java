package io.emrys.testing;

import static java.util.Objects.requireNonNull;

import io.emrys.gateway.GatewayTls;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The control plane as its own OS process ({@code emrys server}) over a data folder: for tests that kill it with
 * SIGKILL and start it again over the same data folder and ports, and for the benchmark, which keeps the load
 * generator's threads and garbage out of the server's resident memory and pauses.
 *
 * <p>The first start binds free loopback ports (port 0) and reads the ones bound from the server's banner; a later
 * start binds those same ports again, so what drivers and clients were told stays true. The server's output goes to
 * {@code server.out} and {@code server.err} in the data folder. Not thread-safe: one test or benchmark drives it.
 */
public final class EmrysProcess
        implements AutoCloseable
{
    private static final Pattern READY = Pattern.compile("Emrys is ready: (http://\\S+)");
    private static final Pattern S3 = Pattern.compile("S3 endpoint: (http://\\S+)");
    private static final Pattern GATEWAY = Pattern.compile("Spark Connect gateway: (https?://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

    private final EmrysServerCommand command;
    private final Path dataDir;
    private final List<String> flags;
    private Process process;
    private Optional<Endpoints> endpoints = Optional.empty();
    private AwsBasicCredentials rootKey;
    private String executionRoleArn;

    private record Endpoints(URI api, URI objectStore, URI gateway) {}

    /** On this checkout's compiled classes, for tests. */
    public EmrysProcess(Path dataDir)
    {
        this(EmrysServerCommand.compiledClasses(TestingSparkArtifacts.projectRoot()), dataDir, List.of());
    }

    /** @param flags more {@code emrys server} flags, such as {@code --gateway-plaintext} */
    public EmrysProcess(EmrysServerCommand command, Path dataDir, List<String> flags)
    {
        this.command = requireNonNull(command, "command is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.flags = List.copyOf(requireNonNull(flags, "flags is null"));
    }

    /** Starts the server and waits until it is ready; again after {@link #kill}, on the same ports. */
    public EmrysProcess start()
    {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Emrys is already running as pid " + process.pid());
        }
        try {
            Files.createDirectories(dataDir);
            Path output = dataDir.resolve("server.out");
            Path errors = dataDir.resolve("server.err");
            process = new ProcessBuilder(commandLine())
                    .directory(command.directory().toFile())
                    .redirectOutput(output.toFile())
                    .redirectError(errors.toFile())
                    .start();
            endpoints = Optional.of(awaitReady(output, errors));
            rootKey = readRootKey();
            executionRoleArn = ensureStandardRole();
            return this;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Emrys was starting", e);
        }
    }

    private List<String> commandLine()
    {
        List<String> line = new ArrayList<>(command.command());
        line.addAll(List.of("--data-dir", dataDir.toString(),
                "--port", port(endpoints.map(Endpoints::api)),
                "--s3-port", port(endpoints.map(Endpoints::objectStore)),
                "--gateway-port", port(endpoints.map(Endpoints::gateway))));
        line.addAll(flags);
        return line;
    }

    private static String port(Optional<URI> bound)
    {
        // 0: the server picks a free port and reports it; it binds 127.0.0.1 only
        return Integer.toString(bound.map(URI::getPort).orElse(0));
    }

    private Endpoints awaitReady(Path output, Path errors)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String banner = Files.readString(output, StandardCharsets.UTF_8);
            Optional<String> api = find(READY, banner);
            Optional<String> objectStore = find(S3, banner);
            Optional<String> gateway = find(GATEWAY, banner);
            if (api.isPresent() && objectStore.isPresent() && gateway.isPresent()) {
                return new Endpoints(URI.create(api.get()), URI.create(objectStore.get()), URI.create(gateway.get()));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("emrys server exited with code " + process.exitValue() + "; " + errors + ":\n"
                        + Files.readString(errors, StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("emrys server was not ready within " + START_TIMEOUT + "; " + errors + ":\n"
                + Files.readString(errors, StandardCharsets.UTF_8));
    }

    private static Optional<String> find(Pattern pattern, String text)
    {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed beyond what was committed. */
    public void kill()
            throws InterruptedException
    {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The server JVM's pid: the launcher script execs java, so the script's pid is the JVM's. */
    public long pid()
    {
        return process.pid();
    }

    public Path dataDir()
    {
        return dataDir;
    }

    public URI apiEndpoint()
    {
        return started().api();
    }

    public URI objectStoreEndpoint()
    {
        return started().objectStore();
    }

    /** The Spark Connect gateway: {@code https://localhost:PORT}, or {@code http://} with {@code --gateway-plaintext}. */
    public URI gatewayEndpoint()
    {
        return started().gateway();
    }

    /** The CA that the gateway's certificate is issued by, generated into the data folder at first start. */
    public Path gatewayTrustStore()
    {
        return GatewayTls.in(dataDir.resolve("tls")).truststore();
    }

    /** The root access key the server wrote into the data folder's AWS credentials file. */
    public AwsBasicCredentials rootKey()
    {
        started();
        return rootKey;
    }

    /**
     * The standard execution role ({@link TestingRoles#STANDARD_ROLE}, trusted by EMR Serverless, {@code s3:*}), which
     * the first start creates through the IAM API as a user would.
     */
    public String executionRoleArn()
    {
        started();
        return executionRoleArn;
    }

    /** The ARN a role of this server's account named {@code roleName} has (whether or not it exists). */
    public String roleArn(String roleName)
    {
        return executionRoleArn().substring(0, executionRoleArn.indexOf(":role/") + ":role/".length()) + roleName;
    }

    public IamClient iamClient()
    {
        return IamClient.builder()
                .endpointOverride(apiEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    private String ensureStandardRole()
    {
        try (IamClient iam = iamClient()) {
            try {
                return iam.getRole(request -> request.roleName(TestingRoles.STANDARD_ROLE)).role().arn();
            }
            catch (NoSuchEntityException e) {
                String arn = iam.createRole(request -> request.roleName(TestingRoles.STANDARD_ROLE).assumeRolePolicyDocument(TestingRoles.SERVICE_TRUST))
                        .role().arn();
                iam.putRolePolicy(request -> request.roleName(TestingRoles.STANDARD_ROLE).policyName("s3-access").policyDocument(TestingRoles.S3_EVERYTHING));
                return arn;
            }
        }
    }

    public StaticCredentialsProvider credentials()
    {
        return StaticCredentialsProvider.create(rootKey());
    }

    public EmrServerlessClient serverlessClient()
    {
        return EmrServerlessClient.builder()
                .endpointOverride(apiEndpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    public S3Client s3Client()
    {
        return S3Client.builder()
                .endpointOverride(objectStoreEndpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials())
                .httpClient(ApacheHttpClient.create())
                .build();
    }

    /** SIGTERM, the clean shutdown path: the server's shutdown hook stops the drivers it still supervises. */
    @Override
    public void close()
    {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Endpoints started()
    {
        return endpoints.orElseThrow(() -> new IllegalStateException("Emrys has not been started"));
    }

    private AwsBasicCredentials readRootKey()
            throws IOException
    {
        Path file = dataDir.resolve("aws").resolve("credentials");
        Properties profile = new Properties();
        // the [emrys] section of the credentials file is "key = value" lines, which Properties reads
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            profile.load(reader);
        }
        String accessKey = profile.getProperty("aws_access_key_id");
        String secretKey = profile.getProperty("aws_secret_access_key");
        if (accessKey == null || secretKey == null) {
            throw new IllegalStateException("No root key in " + file);
        }
        return AwsBasicCredentials.create(accessKey, secretKey);
    }
}
