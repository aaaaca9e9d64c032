package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The control plane as users run it: {@code <project>/emrys server} in its own JVM, on free loopback ports over a
 * fresh data folder. Running it apart from the harness keeps the load generator's threads and garbage out of
 * the server's resident memory and pauses.
 */
final class EmrysProcess
        implements AutoCloseable
{
    private static final Pattern READY = Pattern.compile("Emrys is ready: (http://\\S+)");
    private static final Pattern S3 = Pattern.compile("S3 endpoint: (http://\\S+)");
    private static final Pattern GATEWAY = Pattern.compile("Spark Connect gateway: (https?://\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path dataDir;
    private final URI apiEndpoint;
    private final URI objectStoreEndpoint;
    private final URI gatewayEndpoint;
    private final AwsBasicCredentials credentials;

    private EmrysProcess(Process process, Path dataDir, URI apiEndpoint, URI objectStoreEndpoint, URI gatewayEndpoint, AwsBasicCredentials credentials)
    {
        this.process = requireNonNull(process, "process is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.apiEndpoint = requireNonNull(apiEndpoint, "apiEndpoint is null");
        this.objectStoreEndpoint = requireNonNull(objectStoreEndpoint, "objectStoreEndpoint is null");
        this.gatewayEndpoint = requireNonNull(gatewayEndpoint, "gatewayEndpoint is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    static EmrysProcess start(Path projectRoot, Path dataDir)
            throws IOException, InterruptedException
    {
        return start(projectRoot, dataDir, false);
    }

    /** @param gatewayPlaintext serve the Spark Connect gateway without TLS ({@code --gateway-plaintext}) */
    static EmrysProcess start(Path projectRoot, Path dataDir, boolean gatewayPlaintext)
            throws IOException, InterruptedException
    {
        Files.createDirectories(dataDir);
        Path output = dataDir.resolve("server.out");
        // Port 0 everywhere: the server reports the ports it bound, and it binds 127.0.0.1 only.
        List<String> command = new ArrayList<>(List.of(projectRoot.resolve("emrys").toString(), "server",
                "--data-dir", dataDir.toString(), "--port", "0", "--s3-port", "0", "--gateway-port", "0"));
        if (gatewayPlaintext) {
            command.add("--gateway-plaintext");
        }
        Process process = new ProcessBuilder(command)
                .directory(projectRoot.toFile())
                .redirectOutput(output.toFile())
                .redirectError(dataDir.resolve("server.err").toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Optional<String> api = find(READY, text);
            Optional<String> s3 = find(S3, text);
            Optional<String> gateway = find(GATEWAY, text);
            if (api.isPresent() && s3.isPresent() && gateway.isPresent()) {
                return new EmrysProcess(process, dataDir, URI.create(api.get()), URI.create(s3.get()), URI.create(gateway.get()), readCredentials(dataDir));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("emrys server exited with code " + process.exitValue() + "; see " + dataDir.resolve("server.err"));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("emrys server was not ready within " + START_TIMEOUT + "; see " + dataDir.resolve("server.err"));
    }

    /** The server JVM's pid: the launcher script execs java, so the script's pid is the JVM's. */
    long pid()
    {
        return process.pid();
    }

    Path dataDir()
    {
        return dataDir;
    }

    URI apiEndpoint()
    {
        return apiEndpoint;
    }

    URI objectStoreEndpoint()
    {
        return objectStoreEndpoint;
    }

    /** The Spark Connect gateway: {@code https://localhost:PORT}, or {@code http://} with {@code --gateway-plaintext}. */
    URI gatewayEndpoint()
    {
        return gatewayEndpoint;
    }

    /** The PKCS12 trust store holding the TLS gateway's CA ({@code io.emrys.gateway.GatewayTls}). */
    Path gatewayTrustStore()
    {
        return dataDir.resolve("tls").resolve("truststore.p12");
    }

    AwsBasicCredentials credentials()
    {
        return credentials;
    }

    Optional<ProcStatus> memory()
    {
        return ProcStatus.of(process.pid());
    }

    @Override
    public void close()
    {
        // SIGTERM runs the server's shutdown hook, which stops drivers it still supervises.
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<String> find(Pattern pattern, String text)
    {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static AwsBasicCredentials readCredentials(Path dataDir)
    {
        try {
            String accessKey = null;
            String secretKey = null;
            for (String line : Files.readAllLines(dataDir.resolve("aws").resolve("credentials"), StandardCharsets.UTF_8)) {
                String[] pair = line.split("=", 2);
                if (pair.length == 2 && pair[0].trim().equals("aws_access_key_id")) {
                    accessKey = pair[1].trim();
                }
                else if (pair.length == 2 && pair[0].trim().equals("aws_secret_access_key")) {
                    secretKey = pair[1].trim();
                }
            }
            if (accessKey == null || secretKey == null) {
                throw new IllegalStateException("No root key in " + dataDir.resolve("aws").resolve("credentials"));
            }
            return AwsBasicCredentials.create(accessKey, secretKey);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
