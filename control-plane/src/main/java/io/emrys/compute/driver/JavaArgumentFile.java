package io.emrys.compute.driver;

import io.emrys.common.OwnerOnlyFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A driver JVM's arguments in a {@code java @file} argument file, owner-only, so that they are not on its command
 * line: they hold the job's entry-point arguments and Java options, which AWS marks sensitive and which any user of
 * the host could otherwise read with {@code ps}. The launcher expands the file before the JVM starts (class path
 * wildcards included) and nothing after it, so {@code /proc/<pid>/cmdline} shows only {@code java @file}.
 */
final class JavaArgumentFile
{
    static final String NAME = "java.args";

    private JavaArgumentFile() {}

    /** Writes {@code arguments} (everything after the {@code java} executable) to {@code file}, replacing it. */
    static void write(Path file, List<String> arguments)
            throws IOException
    {
        Files.deleteIfExists(file);
        OwnerOnlyFiles.privateFile(file);
        String content = arguments.stream().map(JavaArgumentFile::quote).collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** One argument in double quotes, with the escapes the launcher's argument-file parser undoes. */
    static String quote(String argument)
    {
        StringBuilder quoted = new StringBuilder(argument.length() + 2).append('"');
        for (char c : argument.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                case '\f' -> quoted.append("\\f");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
