package io.emrys.testing;

import static java.util.Objects.requireNonNull;

import io.emrys.server.EmrysServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the AWS CLI and Python clients as a user would, configured only by the profile files a server wrote into its
 * data folder (profile {@code emrys}, the account's root), with every other {@code AWS_*} variable removed.
 */
public final class ProfileCommands
{
    /** What a command printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {}

    private final EmrysServer server;

    public ProfileCommands(EmrysServer server)
    {
        this.server = requireNonNull(server, "server is null");
    }

    /** {@code aws --profile emrys --output json ARGUMENTS}. */
    public Result aws(String... arguments)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of(PythonEnvironment.aws(), "--profile", "emrys", "--output", "json"));
        command.addAll(List.of(arguments));
        return run(command);
    }

    public Result run(List<String> command)
            throws IOException, InterruptedException
    {
        Path stdout = Files.createTempFile("client", ".out");
        Path stderr = Files.createTempFile("client", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("AWS_"));
            environment.put("AWS_CONFIG_FILE", server.awsConfigFile().toString());
            environment.put("AWS_SHARED_CREDENTIALS_FILE", server.awsCredentialsFile().toString());
            Process process = builder.start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8));
        }
        finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
