package io.emrys.compute.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaArgumentFileTest
{
    private static final List<String> TRICKY = List.of("", "plain", "two words", "quote \" inside", "back\\slash", "C:\\\\x",
            "tab\there", "line\nbreak", "#not a comment", "@not-a-file", "$HOME `id` ;|&", "ünïcödé", "'single'");

    @Test
    void theJavaLauncherReadsBackEveryArgumentExactlyAndShowsOnlyTheFileOnItsCommandLine(@TempDir Path folder)
            throws Exception
    {
        Path file = folder.resolve(JavaArgumentFile.NAME);
        List<String> arguments = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), ArgumentEcho.class.getName()));
        arguments.addAll(TRICKY);

        JavaArgumentFile.write(file, arguments);
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + file)
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        List<String> lines = output.lines().toList();
        assertThat(lines.get(0)).as("the command line").isEqualTo("java @" + file);
        assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(TRICKY.stream().map(ArgumentEcho::escape).toList());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
