package io.emrys.compute.driver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Gzips a finished driver's stdout and stderr into {@code <workdir>/logs/SPARK_DRIVER/{stdout,stderr}.gz}, the
 * layout EMR Serverless uses under a run's log location, ready to upload as they are.
 */
public final class LogArchiver
{
    /** Archives both logs (an absent log becomes an empty archive, as EMR always shows both); returns the archives. */
    public List<Path> archive(Path workDir)
            throws IOException
    {
        DriverWorkDir layout = new DriverWorkDir(workDir);
        Path target = layout.archivedLogs();
        Files.createDirectories(target);
        List<Path> archives = new ArrayList<>();
        archives.add(gzip(layout.stdout(), target.resolve("stdout.gz")));
        archives.add(gzip(layout.stderr(), target.resolve("stderr.gz")));
        return List.copyOf(archives);
    }

    /**
     * Archives an executor's stdout and stderr (from its folder in a standalone worker's work dir) into
     * {@code <workdir>/logs/SPARK_EXECUTOR/<executorId>/{stdout,stderr}.gz}, next to the driver's.
     */
    public List<Path> archiveExecutor(Path executorFolder, String executorId, Path workDir)
            throws IOException
    {
        Path target = new DriverWorkDir(workDir).archivedLogs().resolveSibling("SPARK_EXECUTOR").resolve(executorId);
        Files.createDirectories(target);
        return List.of(gzip(executorFolder.resolve("stdout"), target.resolve("stdout.gz")),
                gzip(executorFolder.resolve("stderr"), target.resolve("stderr.gz")));
    }

    private static Path gzip(Path source, Path archive)
            throws IOException
    {
        // Written aside and moved, so an uploader never sees a half-written archive.
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try (OutputStream output = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
            if (Files.exists(source)) {
                try (InputStream input = Files.newInputStream(source)) {
                    input.transferTo(output);
                }
            }
        }
        return Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
