package io.emrys.compute.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S3A settings that take a driver's and its executors' S3 credentials from a file instead of the configuration: the
 * driver agent's {@code io.emrys.agent.RoleCredentialsFileProvider} reads the file again whenever it is replaced, so
 * the identity of a running driver can change (a pre-initialized driver handed a run, a role session renewed before
 * it expires). Pure functions; the file itself is written by {@code io.emrys.workload}.
 */
public final class S3CredentialsFile
{
    /** The agent's provider class, which S3A instantiates with the file system's URI and Hadoop configuration. */
    public static final String PROVIDER = "io.emrys.agent.RoleCredentialsFileProvider";
    /** The Hadoop key naming the file (the agent's {@code RoleCredentialsFileProvider.FILE_KEY}). */
    public static final String FILE_KEY = "fs.s3a.emrys.credentials.file";
    /** The file's name in a driver's work dir. */
    public static final String FILE_NAME = "s3-credentials.properties";

    private static final String PROVIDER_KEY = "fs.s3a.aws.credentials.provider";

    private S3CredentialsFile() {}

    /**
     * The store's S3A settings with its keys removed and the provider reading {@code file} instead: no key of the
     * store stays in a configuration that the work's own code can read.
     */
    public static Map<String, String> hadoopSettings(Map<String, String> store, Path file)
    {
        Map<String, String> settings = new LinkedHashMap<>(store);
        settings.remove("fs.s3a.access.key");
        settings.remove("fs.s3a.secret.key");
        settings.remove("fs.s3a.session.token");
        settings.put(PROVIDER_KEY, PROVIDER);
        settings.put(FILE_KEY, file.toString());
        return settings;
    }

    /** Whether S3A settings (without the {@code spark.hadoop.} prefix) read their credentials from a file. */
    public static boolean usedBy(Map<String, String> hadoopS3a)
    {
        return PROVIDER.equals(hadoopS3a.get(PROVIDER_KEY));
    }
}
