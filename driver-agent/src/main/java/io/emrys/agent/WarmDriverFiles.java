package io.emrys.agent;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The files a warm driver shares with the control plane in its work dir. Every file either side writes appears
 * whole (written to a temporary name, then renamed), so the reader never sees half of one.
 */
final class WarmDriverFiles
{
    static final String READY = "warm-ready.json";
    static final String ASSIGNMENT = "assignment.properties";
    static final String CONNECT_READY = "connect-ready";
    /** Checking for a file every 10 ms costs nothing measurable, and a job waits at most that long to start. */
    private static final long POLL_MILLIS = 10;

    private WarmDriverFiles() {}

    static Properties load(Path file)
            throws IOException
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    static void writeAtomically(Path file, String content)
            throws IOException
    {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Blocks until {@code file} exists. */
    static void await(Path file)
            throws InterruptedException
    {
        while (!Files.exists(file)) {
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** A JSON string literal; the values written here (application ids) are plain, but quote them properly anyway. */
    static String jsonString(String value)
    {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
