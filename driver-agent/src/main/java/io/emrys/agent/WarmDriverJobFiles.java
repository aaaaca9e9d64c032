package io.emrys.agent;

import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A job's files on a warm driver: its entry point and libraries as local files, fetched through Hadoop when remote. */
final class WarmDriverJobFiles
{
    private final SparkSession spark;
    private final Path workDir;

    WarmDriverJobFiles(SparkSession spark, Path workDir)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
    }

    /**
     * The file as a local file: a local path as is, anything else downloaded into the work dir through Hadoop (with
     * the warm SparkContext's settings, so S3A reads it as the job's driver would); empty when it is not a file.
     */
    Optional<Path> fetch(String uri)
            throws IOException, URISyntaxException
    {
        Optional<Path> local = localPath(uri);
        if (local.isPresent()) {
            return local.filter(Files::isRegularFile);
        }
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(new URI(uri));
        FileSystem fileSystem = source.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fileSystem.isFile(source)) {
            return Optional.empty();
        }
        Path target = workDir.resolve(source.getName());
        // Raw local file system: no .crc file beside the download.
        fileSystem.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(target.toUri()), true);
        return Optional.of(target);
    }

    /** As the control plane's DriverPlanner decides it: no scheme, {@code file:} or {@code local:} means a local file. */
    static Optional<Path> localPath(String uri)
            throws URISyntaxException
    {
        int colon = uri.indexOf(':');
        int slash = uri.indexOf('/');
        boolean hasScheme = colon > 0 && (slash < 0 || colon < slash);
        if (!hasScheme) {
            return Optional.of(Path.of(uri).toAbsolutePath().normalize());
        }
        URI parsed = new URI(uri);
        if ("file".equals(parsed.getScheme()) || "local".equals(parsed.getScheme())) {
            return Optional.of(Path.of(parsed.getPath()).toAbsolutePath().normalize());
        }
        return Optional.empty();
    }
}
