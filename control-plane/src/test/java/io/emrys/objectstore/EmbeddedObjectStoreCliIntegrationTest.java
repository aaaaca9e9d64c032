package io.emrys.objectstore;

import io.emrys.testing.ChildProcess;
import io.emrys.testing.PythonEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The installed AWS CLI and boto3 (python3), as subprocesses configured only through the standard environment
 * variables and an endpoint URL, against the embedded store.
 */
@Timeout(180)
class EmbeddedObjectStoreCliIntegrationTest
{
    private static final String ACCESS_KEY = "AKIAEMRYSCLITEST0001";
    private static final String SECRET = "cli/secret+key/for/emrys/tests/0123";

    @TempDir
    Path workDirectory;

    private EmbeddedObjectStore store;
    private S3Client s3;

    @BeforeEach
    void startStore()
    {
        store = new EmbeddedObjectStore(workDirectory.resolve("s3"), 0, ACCESS_KEY, SECRET);
        store.start();
        s3 = S3Clients.create(store.settings());
    }

    @AfterEach
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
    void awsCliMakesBucketCopiesLargeFileBothWaysAndLists()
            throws IOException
    {
        byte[] content = new byte[20 * 1024 * 1024 + 123];
        new Random(11).nextBytes(content);
        Path upload = Files.write(workDirectory.resolve("upload.bin"), content);
        Path download = workDirectory.resolve("download.bin");

        aws(SECRET, "s3", "mb", "s3://cli-bucket").assertSucceeded();
        aws(SECRET, "s3", "cp", upload.toString(), "s3://cli-bucket/data/upload.bin").assertSucceeded();
        aws(SECRET, "s3", "cp", "s3://cli-bucket/data/upload.bin", download.toString()).assertSucceeded();

        assertThat(Files.readAllBytes(download)).isEqualTo(content);
        // the CLI splits anything above 8 MiB into 8 MiB parts: 20 MiB goes up as a three-part upload
        assertThat(s3.headObject(request -> request.bucket("cli-bucket").key("data/upload.bin")).eTag()).endsWith("-3\"");
        assertThat(aws(SECRET, "s3", "ls", "s3://cli-bucket/data/").assertSucceeded().stdout())
                .contains("upload.bin")
                .contains(Integer.toString(content.length));
        assertThat(aws(SECRET, "s3", "ls").assertSucceeded().stdout()).contains("cli-bucket");
    }

    @Test
    void awsCliWithWrongSecretIsRefused()
    {
        s3.createBucket(request -> request.bucket("guarded"));

        ChildProcess refused = aws(SECRET + "-wrong", "s3", "ls", "s3://guarded/");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("SignatureDoesNotMatch");
    }

    @Test
    void boto3PutsAndLists()
            throws IOException
    {
        s3.createBucket(request -> request.bucket("py-bucket"));
        Path script = Files.writeString(workDirectory.resolve("put_and_list.py"), """
                import os, sys
                import boto3
                s3 = boto3.client("s3", endpoint_url=os.environ["S3_ENDPOINT"])
                for i in range(3):
                    s3.put_object(Bucket="py-bucket", Key=f"py/obj-{i}.txt", Body=f"boto3 {i}".encode())
                listed = s3.list_objects_v2(Bucket="py-bucket", Prefix="py/")
                for item in listed["Contents"]:
                    print(item["Key"], item["Size"])
                print(s3.get_object(Bucket="py-bucket", Key="py/obj-1.txt")["Body"].read().decode())
                """, StandardCharsets.UTF_8);

        ChildProcess python = ChildProcess.run(List.of(PythonEnvironment.python(), script.toString()),
                environment(SECRET, Map.of("S3_ENDPOINT", store.endpoint().toString())), workDirectory, Duration.ofMinutes(1))
                .assertSucceeded();

        assertThat(python.stdout().lines().toList())
                .containsExactly("py/obj-0.txt 7", "py/obj-1.txt 7", "py/obj-2.txt 7", "boto3 1");
        assertThat(s3.listObjectsV2(request -> request.bucket("py-bucket")).contents()).extracting(S3Object::key)
                .containsExactly("py/obj-0.txt", "py/obj-1.txt", "py/obj-2.txt");
    }

    private ChildProcess aws(String secret, String... arguments)
    {
        List<String> command = new ArrayList<>(List.of(PythonEnvironment.aws(), "--endpoint-url", store.endpoint().toString()));
        command.addAll(List.of(arguments));
        return ChildProcess.run(command, environment(secret, Map.of()), workDirectory, Duration.ofMinutes(2));
    }

    private Map<String, String> environment(String secret, Map<String, String> extra)
    {
        Map<String, String> environment = new HashMap<>(extra);
        environment.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", secret);
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        // keep any profile or config file of the machine out of the picture
        Path empty = workDirectory.resolve("no-such-aws-config");
        environment.put("AWS_CONFIG_FILE", empty.toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", empty.toString());
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        return environment;
    }
}
