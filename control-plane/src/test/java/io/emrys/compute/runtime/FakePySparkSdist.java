package io.emrys.compute.runtime;

import io.emrys.common.OwnerOnlyFiles;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A pyspark sdist shaped like PyPI's (a {@code pyspark-<v>/} root with {@code deps/jars}, a {@code deps/jars}
 * subfolder Spark never puts on a classpath, {@code lib/} and the Python sources), with a few-byte file per entry
 * naming itself, placed where an assembler offline finds a download made before.
 */
final class FakePySparkSdist
{
    private FakePySparkSdist() {}

    /** The distribution jars every fake sdist of {@code sparkVersion} carries. */
    static List<String> jars(String sparkVersion)
    {
        String scala = sparkVersion.startsWith("3.") ? "2.12" : "2.13";
        String hadoop = sparkVersion.startsWith("3.") ? "3.3.4" : "3.4.1";
        return List.of("hadoop-client-api-" + hadoop + ".jar", "hadoop-client-runtime-" + hadoop + ".jar", "scala-library-" + scala + ".18.jar",
                "spark-core_" + scala + "-" + sparkVersion + ".jar", "spark-sql_" + scala + "-" + sparkVersion + ".jar");
    }

    static Path writeInto(Path downloads, String sparkVersion)
            throws IOException
    {
        OwnerOnlyFiles.createDirectories(downloads);
        Path sdist = downloads.resolve(PySparkDistribution.sdistName(sparkVersion));
        String root = "pyspark-" + sparkVersion + "/";
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(Files.newOutputStream(sdist)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            directory(tar, root);
            directory(tar, root + "deps/jars/");
            for (String jar : jars(sparkVersion)) {
                file(tar, root + "deps/jars/" + jar);
            }
            file(tar, root + "deps/jars/connect-repl/ammonite_2.13.16-3.0.1.jar");
            file(tar, root + "lib/pyspark.zip");
            file(tar, root + "lib/py4j-0.10.9.7-src.zip");
            file(tar, root + "pyspark/__init__.py");
            file(tar, root + "deps/examples/pi.py");
            file(tar, root + "deps/examples/sql/basic.py");
        }
        // as the server's own download leaves it
        Files.setPosixFilePermissions(downloads, PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(sdist, PosixFilePermissions.fromString("rw-------"));
        return sdist;
    }

    private static void directory(TarArchiveOutputStream tar, String name)
            throws IOException
    {
        tar.putArchiveEntry(new TarArchiveEntry(name));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name)
            throws IOException
    {
        // the name below the root, so that one jar of two Spark versions' distributions is one file
        byte[] content = name.substring(name.indexOf('/') + 1).getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        ((OutputStream) tar).write(content);
        tar.closeArchiveEntry();
    }
}
