package io.emrys.agent;

import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Objects;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * S3A's credentials for a driver and its executors, read from an owner-only file that the control plane writes and
 * rewrites: with a run's or a session's execution-role session when a pre-initialized driver is handed that work,
 * and with a fresh session of the role before the previous one expires. S3A keeps the providers of its first file
 * system for the JVM's life, so static keys in the Hadoop configuration could never change after a warm driver's
 * warm-up; this provider is asked on every request and reads the file again whenever it was replaced.
 *
 * <p>Configured with {@code fs.s3a.aws.credentials.provider=io.emrys.agent.RoleCredentialsFileProvider} and
 * {@value #FILE_KEY}; the file holds Java properties {@code accessKeyId}, {@code secretAccessKey} and, for temporary
 * credentials, {@code sessionToken}. The control plane replaces it whole (temporary name, then rename), so a reader
 * never sees half a file.
 */
public final class RoleCredentialsFileProvider
        implements AwsCredentialsProvider
{
    /** The Hadoop key naming the credentials file. */
    public static final String FILE_KEY = "fs.s3a.emrys.credentials.file";

    private final Path file;
    private volatile Snapshot snapshot;

    /** The constructor S3A calls for a configured provider class. */
    public RoleCredentialsFileProvider(URI fileSystem, Configuration configuration)
    {
        this(Path.of(required(configuration)));
    }

    RoleCredentialsFileProvider(Path file)
    {
        this.file = requireNonNull(file, "file is null");
    }

    private static String required(Configuration configuration)
    {
        String value = configuration.getTrimmed(FILE_KEY, "");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(FILE_KEY + " is not set: it names the file holding this driver's S3 credentials");
        }
        return value;
    }

    @Override
    public AwsCredentials resolveCredentials()
    {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Snapshot current = snapshot;
            if (current != null && current.isOf(attributes)) {
                return current.credentials();
            }
            Snapshot read = new Snapshot(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), read(file));
            snapshot = read;
            return read.credentials();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read the S3 credentials file " + file, e);
        }
    }

    static AwsCredentials read(Path file)
            throws IOException
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String accessKeyId = properties.getProperty("accessKeyId", "").strip();
        String secretAccessKey = properties.getProperty("secretAccessKey", "").strip();
        if (accessKeyId.isEmpty() || secretAccessKey.isEmpty()) {
            throw new IOException("The S3 credentials file " + file + " has no accessKeyId or secretAccessKey");
        }
        String sessionToken = properties.getProperty("sessionToken", "").strip();
        return sessionToken.isEmpty()
                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
    }

    @Override
    public String toString()
    {
        // S3A logs its providers; never the keys
        return "RoleCredentialsFileProvider[" + file + "]";
    }

    /** What was read, and which version of the file it came from (a replaced file has a new inode). */
    private record Snapshot(Object fileKey, FileTime modified, long size, AwsCredentials credentials)
    {
        boolean isOf(BasicFileAttributes attributes)
        {
            return Objects.equals(fileKey, attributes.fileKey()) && modified.equals(attributes.lastModifiedTime()) && size == attributes.size();
        }
    }
}
