package io.emrys.compute.driver;

import io.emrys.common.OwnerOnlyFiles;
import io.emrys.error.EmrysException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A Python job's entry-point arguments in an owner-only file instead of on its Python process's command line, where
 * any user of the host could read them with {@code ps} (AWS marks them sensitive). Each argument is UTF-8 followed
 * by a NUL byte, the way {@code /proc/<pid>/cmdline} holds them: no argument of a command line can contain NUL, and
 * sitecustomize.py decodes each with {@code os.fsdecode}, as Python decodes its own {@code sys.argv}.
 */
final class PythonArgumentFile
{
    static final String NAME = "python-arguments";

    private PythonArgumentFile() {}

    /**
     * Writes {@code arguments} to {@code file}, replacing it; the file is owner-only before anything is written.
     * Throws VALIDATION for an argument with a NUL character.
     */
    static void write(Path file, List<String> arguments)
            throws IOException
    {
        Files.deleteIfExists(file);
        OwnerOnlyFiles.privateFile(file);
        Files.write(file, encode(arguments));
    }

    static byte[] encode(List<String> arguments)
    {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (String argument : arguments) {
            if (argument.indexOf('\0') >= 0) {
                // a command line could not carry it either: PythonRunner's ProcessBuilder refused it before
                throw EmrysException.validation("An entry-point argument contains a NUL character, which a Python process's arguments cannot hold");
            }
            content.writeBytes(argument.getBytes(StandardCharsets.UTF_8));
            content.write(0);
        }
        return content.toByteArray();
    }
}
