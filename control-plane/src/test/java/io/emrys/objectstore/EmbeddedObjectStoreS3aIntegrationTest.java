package io.emrys.objectstore;

import io.emrys.testing.ChildProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hadoop S3A from the emr-spark-8.0 runtime (hadoop-aws 3.4.1, AWS SDK 2.29.52), in a child JVM running
 * {@code FsShell} with exactly {@link ObjectStoreSettings#hadoopS3aProperties()}, against the embedded store.
 * Needs the runtime folder built first: {@code mvn -q -f runtimes/spark-4.0/pom.xml package}.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedObjectStoreS3aIntegrationTest
{
    private static final Path RUNTIME_JARS = Path.of("..", "runtimes", "spark-4.0", "target", "spark-4.0.1", "jars");

    private Path workDirectory;
    private static final String FIVE_MIB_PARTS = "fs.s3a.multipart.size=5242880";
    private static final String FIVE_MIB_THRESHOLD = "fs.s3a.multipart.threshold=5242880";

    private EmbeddedObjectStore store;
    private S3Client s3;

    @BeforeAll
    void startStore(@TempDir Path workDirectory)
    {
        this.workDirectory = workDirectory;
        store = new EmbeddedObjectStore(workDirectory.resolve("s3"), 0, "AKIAEMRYSS3ATEST0001", "s3a/secret+key/for/emrys/tests");
        store.start();
        s3 = S3Clients.create(store.settings());
        s3.createBucket(request -> request.bucket("warehouse"));
    }

    @AfterAll
    void stopStore()
    {
        if (s3 != null) {
            s3.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void hadoopS3aPutsListsReadsRenamesAndDeletes()
            throws IOException
    {
        Path runtimeJars = RUNTIME_JARS.toAbsolutePath().normalize();
        assertThat(runtimeJars)
                .withFailMessage("The Spark runtime is not built: %s is missing. Run `mvn -q -f runtimes/spark-4.0/pom.xml package` "
                        + "in the project root first (working directory is %s)", runtimeJars, Path.of("").toAbsolutePath())
                .isDirectory();

        Path small = Files.writeString(workDirectory.resolve("hello.txt"), "hello from s3a\n", StandardCharsets.UTF_8);
        byte[] bigBytes = new byte[12 * 1024 * 1024];
        new Random(7).nextBytes(bigBytes);
        Path big = Files.write(workDirectory.resolve("big.bin"), bigBytes);

        fsShell(runtimeJars, "-mkdir", "-p", "s3a://warehouse/in");
        fsShell(runtimeJars, "-put", small.toString(), "s3a://warehouse/in/hello.txt");
        // 5 MiB parts (the S3 minimum) so that this 12 MiB file goes up as a three-part multipart upload, once through
        // S3A's upload of a local file (-put) and once through its block output stream (-cp), which Spark's writers use
        fsShell(runtimeJars, "-D", FIVE_MIB_PARTS, "-D", FIVE_MIB_THRESHOLD, "-put", big.toString(), "s3://warehouse/in/big.bin");
        assertThat(s3.headObject(request -> request.bucket("warehouse").key("in/big.bin")).eTag()).endsWith("-3\"");
        fsShell(runtimeJars, "-D", FIVE_MIB_PARTS, "-D", FIVE_MIB_THRESHOLD, "-cp", big.toUri().toString(), "s3a://warehouse/in/streamed.bin");
        assertThat(s3.headObject(request -> request.bucket("warehouse").key("in/streamed.bin")).eTag()).endsWith("-3\"");

        String listing = fsShell(runtimeJars, "-ls", "s3a://warehouse/in/").stdout();
        assertThat(listing).contains("s3a://warehouse/in/hello.txt").contains("s3a://warehouse/in/big.bin").contains(Long.toString(bigBytes.length));
        assertThat(fsShell(runtimeJars, "-cat", "s3://warehouse/in/hello.txt").stdout()).isEqualTo("hello from s3a\n");

        Path downloaded = workDirectory.resolve("downloaded.bin");
        fsShell(runtimeJars, "-get", "s3a://warehouse/in/streamed.bin", downloaded.toString());
        assertThat(Files.readAllBytes(downloaded)).isEqualTo(bigBytes);

        // a directory rename: S3A copies every object (the large ones in parts) and deletes the originals
        fsShell(runtimeJars, "-D", FIVE_MIB_PARTS, "-D", FIVE_MIB_THRESHOLD, "-mv", "s3a://warehouse/in", "s3a://warehouse/out");
        assertThat(keys()).containsExactlyInAnyOrder("out/hello.txt", "out/big.bin", "out/streamed.bin");
        assertThat(s3.getObjectAsBytes(request -> request.bucket("warehouse").key("out/big.bin")).asByteArray()).isEqualTo(bigBytes);
        assertThat(s3.getObjectAsBytes(request -> request.bucket("warehouse").key("out/streamed.bin")).asByteArray()).isEqualTo(bigBytes);

        fsShell(runtimeJars, "-rm", "s3a://warehouse/out/hello.txt");
        assertThat(keys()).containsExactlyInAnyOrder("out/big.bin", "out/streamed.bin");
        fsShell(runtimeJars, "-rm", "-r", "s3://warehouse/out");
        assertThat(keys()).isEmpty();
    }

    private List<String> keys()
    {
        return s3.listObjectsV2(request -> request.bucket("warehouse")).contents().stream().map(S3Object::key).toList();
    }

    private Path hadoopConfDirectory()
    {
        try {
            Path directory = Files.createDirectories(workDirectory.resolve("hadoop-conf"));
            Files.writeString(directory.resolve("core-site.xml"), "<?xml version=\"1.0\"?>\n<configuration/>\n", StandardCharsets.UTF_8);
            return directory;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ChildProcess fsShell(Path runtimeJars, String... arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        // FsShell (unlike Spark) runs Hadoop's Configuration in non-quiet mode, which insists on a core-site.xml
        // on the classpath; an empty one keeps every setting on the command line.
        command.add(hadoopConfDirectory() + File.pathSeparator + runtimeJars + "/*");
        command.add("org.apache.hadoop.fs.FsShell");
        store.settings().hadoopS3aProperties().forEach((key, value) -> {
            command.add("-D");
            command.add(key + "=" + value);
        });
        command.addAll(List.of(arguments));
        // No AWS_* variables may leak in from the environment: the settings alone must be enough.
        Map<String, String> environment = Map.of("HADOOP_USER_NAME", "emrys");
        return ChildProcess.run(command, environment, workDirectory, Duration.ofMinutes(2)).assertSucceeded();
    }
}
