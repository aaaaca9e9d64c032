package io.emrys.compute.driver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class LogArchiverTest
{
    @TempDir
    Path workDir;

    @Test
    void gzipsStdoutAndStderrIntoTheEmrServerlessLayout()
            throws IOException
    {
        Files.writeString(workDir.resolve("stdout"), "hello\n");
        Files.writeString(workDir.resolve("stderr"), "oops\n");

        assertThat(new LogArchiver().archive(workDir)).containsExactly(
                workDir.resolve("logs/SPARK_DRIVER/stdout.gz"),
                workDir.resolve("logs/SPARK_DRIVER/stderr.gz"));

        assertThat(gunzip(workDir.resolve("logs/SPARK_DRIVER/stdout.gz"))).isEqualTo("hello\n");
        assertThat(gunzip(workDir.resolve("logs/SPARK_DRIVER/stderr.gz"))).isEqualTo("oops\n");
        assertThat(workDir.resolve("logs/SPARK_DRIVER/stdout.gz.partial")).doesNotExist();
    }

    @Test
    void archivesAMissingLogAsEmpty()
            throws IOException
    {
        Files.writeString(workDir.resolve("stderr"), "only stderr\n");

        new LogArchiver().archive(workDir);

        assertThat(gunzip(workDir.resolve("logs/SPARK_DRIVER/stdout.gz"))).isEmpty();
    }

    private static String gunzip(Path file)
            throws IOException
    {
        try (InputStream input = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
