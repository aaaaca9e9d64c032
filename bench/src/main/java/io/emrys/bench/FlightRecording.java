package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Java Flight Recording of another JVM, started and dumped with {@code jcmd}, for finding where the control
 * plane spends its time under load (optional: {@code --jfr FILE}). Read it with {@code jfr print} or JDK Mission
 * Control.
 */
final class FlightRecording
{
    private static final String NAME = "emrys-bench";

    private final Path jcmd;
    private final long pid;

    FlightRecording(long pid)
    {
        this.jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.pid = pid;
    }

    void start()
            throws IOException, InterruptedException
    {
        jcmd("JFR.start", "name=" + NAME, "settings=profile");
    }

    void stop(Path file)
            throws IOException, InterruptedException
    {
        requireNonNull(file, "file is null");
        jcmd("JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
    }

    private void jcmd(String... arguments)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", arguments) + " failed: " + output);
        }
    }
}
