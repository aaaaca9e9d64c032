package io.emrys.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs a command line (the AWS CLI, python3, a child JVM) to completion and keeps its exit code and output, for
 * the tests that drive the server with real clients.
 */
public record ChildProcess(List<String> command, int exitCode, String stdout, String stderr)
{
    public ChildProcess
    {
        command = List.copyOf(requireNonNull(command, "command is null"));
        requireNonNull(stdout, "stdout is null");
        requireNonNull(stderr, "stderr is null");
    }

    public static ChildProcess run(List<String> command, Map<String, String> environment, Path workingDirectory, Duration timeout)
    {
        try {
            Path out = Files.createTempFile(workingDirectory, "child", ".out");
            Path err = Files.createTempFile(workingDirectory, "child", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("Timed out after " + timeout + ": " + command + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new ChildProcess(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running " + command, e);
        }
    }

    /** Fails with the command's output unless it exited with 0. */
    public ChildProcess assertSucceeded()
    {
        if (exitCode != 0) {
            throw new AssertionError("Exit code " + exitCode + " from " + command + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
        }
        return this;
    }
}
