package io.emrys.compute.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static java.util.Objects.requireNonNull;

/**
 * One copy on disk of every jar any runtime uses ({@code <root>/<groupId>/<artifactId>-<version>.jar}); runtimes
 * hard-link their {@code jars/} entries to it, so runtimes of one Hadoop and SDK share those jars. Entries are
 * copied from the local Maven repository rather than linked to it: the operator may clean that repository, and a
 * link would share its permissions.
 */
final class JarStore
{
    private final Path root;

    JarStore(Path root)
    {
        this.root = requireNonNull(root, "root is null");
    }

    /** The stored copy of {@code jar}, adding it first when it is missing or was cut short. */
    Path store(ResolvedJar jar)
            throws IOException
    {
        Path directory = OwnerOnlyFiles.createDirectories(root.resolve(jar.groupId()));
        Path stored = directory.resolve(jar.fileName());
        if (Files.isRegularFile(stored) && Files.size(stored) == Files.size(jar.file())) {
            return stored;
        }
        // another runtime's assembly may store the same jar at the same time: both write their own temporary file
        // and the last rename wins with identical content, while links already made keep the earlier copy
        Path temporary = OwnerOnlyFiles.copyToTemporary(jar.file(), directory);
        Files.move(temporary, stored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return stored;
    }

    /** Hard-links {@code target} to the stored jar, or copies it where the file system cannot link. */
    static void linkOrCopy(Path stored, Path target)
            throws IOException
    {
        try {
            Files.createLink(target, stored);
        }
        catch (UnsupportedOperationException | IOException e) {
            // a cache root spanning file systems, or one without hard links
            OwnerOnlyFiles.copy(stored, target);
        }
    }
}
