package io.emrys.agent;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.deploy.SparkSubmit;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The driver's main class when a job names {@code spark.archives} ({@code --archives}): unpacks each archive into
 * the driver's working directory under its {@code #alias} (or its file name), as EMR does before the job starts, so
 * that {@code ./environment/bin/python} resolves for the Python driver that SparkSubmit starts next; then runs
 * SparkSubmit with the same arguments. Spark itself unpacks the archives on every executor, into the executor's
 * working directory. Archives are read through Hadoop's file systems with the job's own {@code spark.hadoop.*}
 * settings, so S3A reads them with the job's credentials.
 */
public final class UnpackArchivesThenSubmit
{
    private UnpackArchivesThenSubmit() {}

    public static void main(String[] args)
            throws Exception
    {
        unpackAll(properties(args));
        SparkSubmit.main(args);
    }

    /** Unpacks every {@code spark.archives} entry of the driver's properties into the working directory. */
    static void unpackAll(Properties properties)
            throws IOException, URISyntaxException
    {
        String archives = properties.getProperty("spark.archives", "");
        if (archives.isBlank()) {
            return;
        }
        Configuration hadoop = new Configuration();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("spark.hadoop.")) {
                hadoop.set(key.substring("spark.hadoop.".length()), properties.getProperty(key));
            }
        }
        for (String archive : archives.split(",")) {
            if (!archive.isBlank()) {
                unpack(archive.strip(), hadoop);
            }
        }
    }

    static void unpack(String archive, Configuration hadoop)
            throws IOException, URISyntaxException
    {
        URI uri = new URI(archive);
        URI source = new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null);
        String fileName = Path.of(uri.getPath()).getFileName().toString();
        String alias = uri.getFragment() != null ? uri.getFragment() : fileName;
        if (alias.isEmpty() || alias.contains("/") || alias.startsWith(".")) {
            throw new IllegalArgumentException("spark.archives entry " + archive + " has an alias that is not a plain folder name");
        }
        File target = new File(alias).getAbsoluteFile();
        if (target.exists()) {
            // a retried attempt runs in a folder of its own; anything here is the job's own choice
            return;
        }
        File downloaded = new File(".archive-" + fileName).getAbsoluteFile();
        org.apache.hadoop.fs.Path from = new org.apache.hadoop.fs.Path(source);
        FileSystem fileSystem = from.getFileSystem(hadoop);
        fileSystem.copyToLocalFile(false, from, new org.apache.hadoop.fs.Path(downloaded.toURI()), true);
        try {
            String name = fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".zip") || name.endsWith(".jar")) {
                FileUtil.unZip(downloaded, target);
            }
            else if (name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar")) {
                FileUtil.unTar(downloaded, target);
            }
            else {
                throw new IllegalArgumentException("spark.archives entry " + archive + " is not a .zip, .jar, .tar.gz, .tgz or .tar file");
            }
        }
        finally {
            Files.deleteIfExists(downloaded.toPath());
        }
        System.err.println("Emrys: unpacked " + archive + " into " + target);
    }

    /** The properties file SparkSubmit is given with {@code --properties-file}, or none. */
    static Properties properties(String[] args)
            throws IOException
    {
        List<String> arguments = List.of(args);
        int index = arguments.indexOf("--properties-file");
        Properties properties = new Properties();
        if (index >= 0 && index + 1 < arguments.size()) {
            try (Reader reader = Files.newBufferedReader(Path.of(arguments.get(index + 1)), StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
