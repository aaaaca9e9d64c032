package io.emrys.compute.runtime;

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
final class OwnerOnlyFiles
{
    static final FileAttribute<Set<PosixFilePermission>> DIRECTORY = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    static final FileAttribute<Set<PosixFilePermission>> FILE = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private OwnerOnlyFiles() {}

    static Path createDirectories(Path directory)
            throws IOException
    {
        return Files.createDirectories(directory, DIRECTORY);
    }

    static Path createTemporaryDirectory(Path parent, String prefix)
            throws IOException
    {
        return Files.createTempDirectory(parent, prefix, DIRECTORY);
    }

    /** An empty temporary file in {@code directory}, for the caller to fill and move into place. */
    static Path createTemporaryFile(Path directory, String prefix)
            throws IOException
    {
        return Files.createTempFile(directory, prefix, ".tmp", FILE);
    }

    /** A fresh copy of {@code source} as a temporary file in {@code directory}, for the caller to move into place. */
    static Path copyToTemporary(Path source, Path directory)
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
    static void copy(Path source, Path target)
            throws IOException
    {
        Files.createFile(target, FILE);
        try (OutputStream out = Files.newOutputStream(target)) {
            Files.copy(source, out);
        }
    }

    static void writeString(Path target, String content)
            throws IOException
    {
        Files.createFile(target, FILE);
        Files.writeString(target, content, StandardCharsets.UTF_8);
    }

    /** Deletes a tree without following links out of it (a runtime's jars are hard links, never symbolic ones). */
    static void deleteRecursively(Path root)
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
