package io.emrys.compute.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/** What the assembler tests read back from runtime folders. */
final class FolderFacts
{
    private FolderFacts() {}

    static List<String> fileNames(Path folder)
            throws IOException
    {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    /** Equal for two names of one file: how a hard link is told from a copy. */
    static Object fileKey(Path file)
            throws IOException
    {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }
}
