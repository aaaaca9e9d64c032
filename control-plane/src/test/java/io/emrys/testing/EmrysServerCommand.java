package io.emrys.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@link EmrysProcess} starts {@code emrys server}: the command before the data folder and port flags, and the
 * folder it runs in.
 *
 * @param command the program and its leading arguments, ending with the {@code server} subcommand
 * @param directory the working directory of the server process
 */
public record EmrysServerCommand(List<String> command, Path directory)
{
    public EmrysServerCommand
    {
        command = List.copyOf(requireNonNull(command, "command is null"));
        requireNonNull(directory, "directory is null");
    }

    /**
     * {@code <project>/emrys server}, as users run it (with the script's JVM options). For the benchmark. The script
     * builds what is missing first, and it counts test sources as control plane sources, so tests must not use it.
     */
    public static EmrysServerCommand launcherScript(Path projectRoot)
    {
        return new EmrysServerCommand(List.of(projectRoot.resolve("emrys").toString(), "server"), projectRoot);
    }

    /**
     * {@code io.emrys.server.Main server} on this checkout's compiled classes, in a JVM like the one running the tests
     * and in the same working directory. For tests: while Maven runs them, {@code target/classes} is current but the
     * jar may not be built yet.
     */
    public static EmrysServerCommand compiledClasses(Path projectRoot)
    {
        try {
            String classpath = projectRoot.resolve("control-plane/target/classes") + ":"
                    + Files.readString(projectRoot.resolve("control-plane/target/classpath.txt"), StandardCharsets.UTF_8).trim();
            return new EmrysServerCommand(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
                    "io.emrys.server.Main", "server", "--project-root", projectRoot.toString(),
                    // a test's server starts no Spark of its own: the recording's jobs would compete with the test's
                    "--no-class-archive-recording",
                    // as TestingEmrys: no test class but the quotas' reaches the account's vCPU quota by accident
                    "--max-concurrent-vcpus", Long.toString((long) TestingEmrys.TESTS_QUOTAS.concurrentVcpus())), Path.of("").toAbsolutePath());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
