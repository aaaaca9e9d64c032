package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's boto3 and AWS CLI against {@link AwsQueryTestServer} with only the test's credentials: the
 * machine's AWS settings, profiles and proxies are removed from the environment.
 */
final class AwsQueryClients
{
    record Result(int exitCode, String stdout, String stderr)
    {
        Result
        {
            requireNonNull(stdout, "stdout is null");
            requireNonNull(stderr, "stderr is null");
        }
    }

    private AwsQueryClients() {}

    static Map<String, String> environment(String secretAccessKey, Path scratch)
    {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.toLowerCase(Locale.ROOT).endsWith("_proxy"));
        env.put("AWS_ACCESS_KEY_ID", AwsQueryTestServer.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        env.put("AWS_CONFIG_FILE", scratch.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        env.put("NO_PROXY", "127.0.0.1");
        return env;
    }

    static Result run(List<String> command, Map<String, String> environment, Duration timeout)
    {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static String read(InputStream stream)
    {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
