package io.emrys.common;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creates files and folders that only the server's user can read, like the rest of the data folder. Every file is
 * created with its permissions rather than changed afterwards, so that nothing is readable by others even briefly.
 */
public final class OwnerOnlyFiles
{
    public static final FileAttribute<Set<PosixFilePermission>> DIRECTORY = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    public static final FileAttribute<Set<PosixFilePermission>> FILE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private OwnerOnlyFiles() {}

    /**
     * The data folder: created owner-only, or made so when it exists with more. Everything below it (the database
     * and its WAL, run folders, event logs, downloads, written by Spark's child processes as well as by the server)
     * is then out of other users' reach whatever its own mode.
     */
    public static Path privateDirectory(Path directory)
            throws IOException
    {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            Files.createDirectory(directory, DIRECTORY);
        }
        else if (!Files.getPosixFilePermissions(directory).equals(PosixFilePermissions.fromString("rwx------"))) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        return directory;
    }

    /** A file that holds secrets: created empty and owner-only before anything writes it, or made owner-only. */
    public static Path privateFile(Path file)
            throws IOException
    {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        else {
            Files.createFile(file, FILE);
        }
        return file;
    }

    public static Path createDirectories(Path directory)
            throws IOException
    {
        return Files.createDirectories(directory, DIRECTORY);
    }

    public static Path createTemporaryDirectory(Path parent, String prefix)
            throws IOException
    {
        return Files.createTempDirectory(parent, prefix, DIRECTORY);
    }

    /** An empty temporary file in {@code directory}, for the caller to fill and move into place. */
    public static Path createTemporaryFile(Path directory, String prefix)
            throws IOException
    {
        return Files.createTempFile(directory, prefix, ".tmp", FILE);
    }

    /** A fresh copy of {@code source} as a temporary file in {@code directory}, for the caller to move into place. */
    public static Path copyToTemporary(Path source, Path directory)
            throws IOException
    {
        Path temporary = Files.createTempFile(directory, "." + source.getFileName(), ".tmp", FILE);
        try (OutputStream out = Files.newOutputStream(temporary)) {
            Files.copy(source, out);
        }
        catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return temporary;
    }

    /** Copies to a file that must not exist yet. */
    public static void copy(Path source, Path target)
            throws IOException
    {
        Files.createFile(target, FILE);
        try (OutputStream out = Files.newOutputStream(target)) {
            Files.copy(source, out);
        }
    }

    public static void writeString(Path target, String content)
            throws IOException
    {
        Files.createFile(target, FILE);
        Files.writeString(target, content, StandardCharsets.UTF_8);
    }

    /** Deletes a tree without following links out of it (a runtime's jars are hard links, never symbolic ones). */
    public static void deleteRecursively(Path root)
            throws IOException
    {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure)
                    throws IOException
            {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
