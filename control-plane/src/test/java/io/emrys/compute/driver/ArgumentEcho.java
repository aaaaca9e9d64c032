package io.emrys.compute.driver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Prints its command line as the kernel shows it, then each argument on a line of its own (newlines escaped). */
public final class ArgumentEcho
{
    private ArgumentEcho() {}

    public static void main(String[] args)
            throws Exception
    {
        String commandLine = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ').strip();
        // the executable as named on the command line: keep only its file name
        System.out.println(commandLine.substring(commandLine.lastIndexOf('/', commandLine.indexOf(' ')) + 1));
        for (String argument : args) {
            System.out.println(escape(argument));
        }
    }

    static String escape(String argument)
    {
        return "[" + argument.replace("\n", "\\n") + "]";
    }
}
