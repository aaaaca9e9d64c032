package io.emrys.compute.driver;

import io.emrys.error.EmrysException;
import io.emrys.testing.PythonEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PythonArgumentFileTest
{
    private static final List<String> TRICKY = List.of("", "plain", "two words", "quote \" inside", "back\\slash", "tab\there",
            "line\nbreak", "-m", "--password=s3cret", "$HOME `id` ;|&", "ünïcödé", "'single'");
    /** Prints sys.argv, one repr per line, then its own command line and whether a child would get the variable. */
    private static final String SCRIPT = """
            import os, sys
            for argument in sys.argv:
                print(repr(argument))
            with open("/proc/self/cmdline", "rb") as cmdline:
                print("cmdline", repr(cmdline.read().split(b"\\0")[1:-1]))
            print("inherited", os.environ.get("EMRYS_ENTRY_POINT_ARGUMENTS"))
            """;

    @Test
    void theDriversSiteCustomizeGivesTheScriptExactlyItsArgumentsWhichAreNotOnItsCommandLine(@TempDir Path folder)
            throws Exception
    {
        Path site = writeSiteCustomize(folder);
        Path script = Files.writeString(folder.resolve("job.py"), SCRIPT);
        Path file = folder.resolve(PythonArgumentFile.NAME);
        PythonArgumentFile.write(file, TRICKY);

        List<String> lines = run(site, file, PythonEnvironment.python(), script.toString());

        List<String> expected = new ArrayList<>();
        expected.add(python(script.toString()));
        TRICKY.forEach(argument -> expected.add(python(argument)));
        expected.add("cmdline [b" + python(script.toString()) + "]");
        expected.add("inherited None");
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aPythonWorkerStartedWithDashCOrDashMKeepsItsOwnArguments(@TempDir Path folder)
            throws Exception
    {
        Path site = writeSiteCustomize(folder);
        Path file = folder.resolve(PythonArgumentFile.NAME);
        PythonArgumentFile.write(file, List.of("secret"));

        assertThat(run(site, file, PythonEnvironment.python(), "-c", "import sys; print(sys.argv)")).containsExactly("['-c']");
        assertThat(run(site, file, PythonEnvironment.python(), "-m", "platform", "--terse")).noneMatch(line -> line.contains("secret"));
    }

    @Test
    void refusesAnArgumentThatNoCommandLineCouldHold(@TempDir Path folder)
    {
        assertThatThrownBy(() -> PythonArgumentFile.write(folder.resolve(PythonArgumentFile.NAME), List.of("a\0b")))
                .isInstanceOf(EmrysException.class)
                .hasMessageContaining("NUL");
    }

    private static Path writeSiteCustomize(Path folder)
            throws Exception
    {
        Path site = Files.createDirectories(folder.resolve("site"));
        try (InputStream in = DriverLauncher.class.getResourceAsStream("sitecustomize.py")) {
            Files.write(site.resolve("sitecustomize.py"), in.readAllBytes());
        }
        return site;
    }

    private static List<String> run(Path site, Path arguments, String... command)
            throws Exception
    {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", site.toString());
        builder.environment().put(DriverPlanner.PYTHON_ARGUMENTS, arguments.toString());
        Process python = builder.start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    /** Python's repr of a str, for the cases above (no quotes of both kinds in one string). */
    private static String python(String value)
    {
        String escaped = value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
        return value.contains("'") && !value.contains("\"") ? "\"" + escaped + "\"" : "'" + escaped.replace("'", "\\'") + "'";
    }
}
