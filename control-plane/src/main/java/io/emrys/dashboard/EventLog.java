package io.emrys.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One Spark application's event log as the driver left it: a file named after the application id (with
 * {@code .inprogress} while the driver runs or when it was killed, and a codec suffix when compressed), or a
 * rolling-log folder {@code eventlog_v2_<appId>} (Spark 4.0's default: {@code spark.eventLog.rolling.enabled=true}).
 */
public record EventLog(Path path, String applicationId)
{
    private static final String IN_PROGRESS = ".inprogress";
    private static final String ROLLING_PREFIX = "eventlog_v2_";
    private static final List<String> CODEC_SUFFIXES = List.of(".lz4", ".lzf", ".snappy", ".zstd");

    public EventLog
    {
        requireNonNull(path, "path is null");
        requireNonNull(applicationId, "applicationId is null");
    }

    public String fileName()
    {
        return path.getFileName().toString();
    }

    /**
     * The event log in a driver's event log folder; empty when the folder is missing or holds none. A driver writes
     * one; should there be several, the most recently modified wins, and a finished log beats an in-progress one.
     */
    public static Optional<EventLog> find(Path directory)
    {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries
                    .filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .filter(entry -> Files.isRegularFile(entry) || entry.getFileName().toString().startsWith(ROLLING_PREFIX))
                    .max(Comparator.comparing((Path entry) -> !entry.getFileName().toString().endsWith(IN_PROGRESS))
                            .thenComparing(EventLog::lastModified))
                    .map(entry -> new EventLog(entry, applicationIdOf(entry.getFileName().toString())));
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the event log folder " + directory, e);
        }
    }

    /**
     * The application id a log's name stands for: Spark names the file after the id ({@code local-1700000000000}),
     * adding {@code .inprogress} and the codec's short name. Emrys drivers run without application attempt ids
     * (local and standalone masters), so no {@code _<attemptId>} suffix is split off.
     */
    public static String applicationIdOf(String fileName)
    {
        String name = fileName;
        if (name.startsWith(ROLLING_PREFIX)) {
            name = name.substring(ROLLING_PREFIX.length());
        }
        if (name.endsWith(IN_PROGRESS)) {
            name = name.substring(0, name.length() - IN_PROGRESS.length());
        }
        for (String suffix : CODEC_SUFFIXES) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        return name;
    }

    /**
     * Copies this log into a history server's log folder under a dot-name first (the server skips dot-files) and renames it into place, so the server
     * never parses a half-copied log. A log already there with the same size is left alone.
     */
    public void copyInto(Path directory)
    {
        Path target = directory.resolve(fileName());
        Path partial = directory.resolve("." + fileName() + ".copying");
        try {
            if (Files.isRegularFile(path) && Files.isRegularFile(target) && Files.size(target) == Files.size(path)) {
                return;
            }
            if (Files.isDirectory(path) && Files.isDirectory(target)) {
                return;
            }
            Files.createDirectories(directory);
            deleteRecursively(partial);
            copyRecursively(path, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not copy the event log %s to %s: %s".formatted(path, target, e.getMessage()), e);
        }
    }

    private static void copyRecursively(Path source, Path target)
            throws IOException
    {
        if (!Files.isDirectory(source)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        Files.createDirectories(target);
        try (Stream<Path> children = Files.list(source)) {
            for (Path child : children.toList()) {
                copyRecursively(child, target.resolve(child.getFileName().toString()));
            }
        }
    }

    private static void deleteRecursively(Path path)
            throws IOException
    {
        if (Files.isDirectory(path)) {
            try (Stream<Path> children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteRecursively(child);
                }
            }
        }
        Files.deleteIfExists(path);
    }

    private static FileTime lastModified(Path path)
    {
        try {
            return Files.getLastModifiedTime(path);
        }
        catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
