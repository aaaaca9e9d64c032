package io.emrys.compute.runtime;

import io.emrys.common.OwnerOnlyFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * One copy on disk of every jar any runtime uses: {@code <root>/<groupId>/<artifactId>-<version>.jar} for Maven's,
 * {@code <root>/sha256/<hex>/<name>} for a Spark distribution's, which carry no coordinates (so the Scala library
 * or Hive jars two Spark releases share are one file). Runtimes hard-link their {@code jars/} entries to it. Entries are
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

    /** The stored copy of a distribution jar read from {@code content} (left open: it is the archive's stream). */
    Path store(String name, InputStream content)
            throws IOException
    {
        Path staging = OwnerOnlyFiles.createDirectories(root.resolve("sha256"));
        Path temporary = OwnerOnlyFiles.createTemporaryFile(staging, "." + name);
        try {
            MessageDigest digest = PySparkDistribution.sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temporary), digest)) {
                content.transferTo(out);
            }
            Path stored = OwnerOnlyFiles.createDirectories(staging.resolve(HexFormat.of().formatHex(digest.digest()))).resolve(name);
            if (!Files.isRegularFile(stored) || Files.size(stored) != Files.size(temporary)) {
                Files.move(temporary, stored, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return stored;
        }
        finally {
            Files.deleteIfExists(temporary);
        }
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
