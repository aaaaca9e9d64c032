package io.emrys.objectstore;

import io.emrys.common.Caller;
import io.emrys.common.Credential;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedObjectStoreSdkIntegrationTest
{
    private static final String ACCESS_KEY = "AKIAEMRYSTEST0000001";
    private static final String SECRET = "emrys/test+secret/0123456789abcdefghijklmn";
    private static final int MIB = 1024 * 1024;

    private final AtomicInteger buckets = new AtomicInteger();
    private Path dataDirectory;
    private EmbeddedObjectStore store;
    private S3Client s3;
    // a fresh bucket per test, so the tests share one store (each stop waits for idle keep-alive connections)
    private String bucket;

    @BeforeAll
    void startStore(@TempDir Path dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        store = new EmbeddedObjectStore(dataDirectory.resolve("s3"), 0, ACCESS_KEY, SECRET);
        store.start();
        s3 = S3Clients.create(store.settings());
    }

    @BeforeEach
    void createBucket()
    {
        bucket = "bucket-" + buckets.incrementAndGet();
        s3.createBucket(request -> request.bucket(bucket));
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
    void exposesBoundLoopbackPortAndEndpoint()
    {
        assertThat(store.port()).isPositive();
        assertThat(store.endpoint().toString()).isEqualTo("http://127.0.0.1:" + store.port());
        assertThat(store.settings().region()).isEqualTo("us-east-1");
        assertThat(store.settings().pathStyle()).isTrue();
        assertThat(dataDirectory.resolve("s3").resolve(bucket)).isDirectory();
    }

    @Test
    void putsGetsHeadsAndDeletesObjects()
    {
        s3.putObject(request -> request.bucket(bucket).key("a/b/hello.txt").contentType("text/plain"),
                RequestBody.fromString("hello, emrys"));

        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(request -> request.bucket(bucket).key("a/b/hello.txt"));
        assertThat(object.asUtf8String()).isEqualTo("hello, emrys");
        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key("a/b/hello.txt"));
        assertThat(head.contentLength()).isEqualTo(12);
        assertThat(head.contentType()).isEqualTo("text/plain");
        assertThat(head.eTag()).isNotBlank();

        s3.deleteObject(request -> request.bucket(bucket).key("a/b/hello.txt"));
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket(bucket).key("a/b/hello.txt")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void listsWithPrefixDelimiterAndPagination()
    {
        for (int i = 0; i < 7; i++) {
            String key = "logs/run-" + i + "/stdout.gz";
            s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString("line " + key));
        }
        s3.putObject(request -> request.bucket(bucket).key("logs/top.txt"), RequestBody.fromString("top"));
        s3.putObject(request -> request.bucket(bucket).key("other/x"), RequestBody.fromString("x"));

        ListObjectsV2Response folders = s3.listObjectsV2(request -> request.bucket(bucket).prefix("logs/").delimiter("/"));
        assertThat(folders.commonPrefixes()).extracting(CommonPrefix::prefix)
                .containsExactly("logs/run-0/", "logs/run-1/", "logs/run-2/", "logs/run-3/", "logs/run-4/", "logs/run-5/", "logs/run-6/");
        assertThat(folders.contents()).extracting(S3Object::key).containsExactly("logs/top.txt");

        List<String> keys = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            String continuation = token;
            ListObjectsV2Response page = s3.listObjectsV2(request -> request.bucket(bucket).prefix("logs/").maxKeys(3)
                    .continuationToken(continuation));
            page.contents().forEach(object -> keys.add(object.key()));
            pages++;
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        }
        while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(keys).hasSize(8).doesNotHaveDuplicates().allMatch(key -> key.startsWith("logs/"));

        // the SDK's own paginator follows the same tokens
        assertThat(s3.listObjectsV2Paginator(request -> request.bucket(bucket).maxKeys(2)).contents())
                .extracting(S3Object::key)
                .hasSize(9);
    }

    @Test
    void completesMultipartUploadWithLargeParts()
    {
        byte[] first = randomBytes(6 * MIB, 1);
        byte[] second = randomBytes(5 * MIB + 17, 2);
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key("big/object.bin")).uploadId();
        String firstTag = s3.uploadPart(request -> request.bucket(bucket).key("big/object.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String secondTag = s3.uploadPart(request -> request.bucket(bucket).key("big/object.bin").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        assertThat(s3.listParts(request -> request.bucket(bucket).key("big/object.bin").uploadId(uploadId)).parts()).hasSize(2);
        s3.completeMultipartUpload(request -> request.bucket(bucket).key("big/object.bin").uploadId(uploadId)
                .multipartUpload(CompletedMultipartUpload.builder().parts(
                        CompletedPart.builder().partNumber(1).eTag(firstTag).build(),
                        CompletedPart.builder().partNumber(2).eTag(secondTag).build()).build()));

        byte[] stored = s3.getObjectAsBytes(request -> request.bucket(bucket).key("big/object.bin")).asByteArray();
        assertThat(stored).hasSize(first.length + second.length);
        assertThat(Arrays.copyOfRange(stored, 0, first.length)).isEqualTo(first);
        assertThat(Arrays.copyOfRange(stored, first.length, stored.length)).isEqualTo(second);
        // a multipart ETag names its part count, as S3's does
        assertThat(s3.headObject(request -> request.bucket(bucket).key("big/object.bin")).eTag()).endsWith("-2\"");
        // nothing of the upload's bookkeeping shows up in listings
        assertThat(s3.listObjectsV2(request -> request.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("big/object.bin");
        assertThat(s3.listMultipartUploads(request -> request.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void copiesObjects()
    {
        s3.putObject(request -> request.bucket(bucket).key("source.txt"), RequestBody.fromString("copy me"));
        String archive = bucket + "-archive";
        s3.createBucket(request -> request.bucket(archive));

        s3.copyObject(request -> request.sourceBucket(bucket).sourceKey("source.txt")
                .destinationBucket(archive).destinationKey("copies/target.txt"));

        assertThat(s3.getObjectAsBytes(request -> request.bucket(archive).key("copies/target.txt")).asUtf8String())
                .isEqualTo("copy me");
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("source.txt")).asUtf8String())
                .isEqualTo("copy me");
    }

    @Test
    void servesRangedGets()
    {
        s3.putObject(request -> request.bucket(bucket).key("digits"), RequestBody.fromString("0123456789"));

        ResponseBytes<GetObjectResponse> middle = s3.getObjectAsBytes(request -> request.bucket(bucket).key("digits").range("bytes=3-6"));
        assertThat(middle.asUtf8String()).isEqualTo("3456");
        assertThat(middle.response().contentRange()).isEqualTo("bytes 3-6/10");
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("digits").range("bytes=-2")).asUtf8String())
                .isEqualTo("89");
    }

    @Test
    void acceptsDefaultSdkUploadsWithStreamingChecksums()
    {
        // The SDK's defaults (unlike S3Clients) send aws-chunked bodies with a CRC32 trailer.
        try (S3Client defaults = S3Client.builder()
                .endpointOverride(store.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            byte[] body = randomBytes(3 * MIB, 3);
            defaults.putObject(request -> request.bucket(bucket).key("checksummed"), RequestBody.fromBytes(body));
            assertThat(defaults.getObjectAsBytes(request -> request.bucket(bucket).key("checksummed")).asByteArray())
                    .isEqualTo(body);
        }
    }

    @Test
    void refusesWrongSecret()
    {
        ObjectStoreSettings wrong = new ObjectStoreSettings(store.endpoint(), "us-east-1", ACCESS_KEY, SECRET + "x", true);
        try (S3Client intruder = refusedUploader(wrong)) {
            assertThatThrownBy(() -> intruder.listObjectsV2(request -> request.bucket(bucket)))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
            assertThatThrownBy(() -> intruder.putObject(request -> request.bucket(bucket).key("planted"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
        assertThat(s3.listObjectsV2(request -> request.bucket(bucket)).contents()).isEmpty();
    }

    @Test
    void refusesUnknownAccessKey()
    {
        ObjectStoreSettings unknown = new ObjectStoreSettings(store.endpoint(), "us-east-1", "AKIAUNKNOWN000000000", SECRET, true);
        try (S3Client stranger = S3Clients.create(unknown)) {
            assertThatThrownBy(stranger::listBuckets)
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
                    });
        }
    }

    @Test
    void refusesAnAmzHeaderItDoesNotImplementRatherThanIgnoringIt()
    {
        // tags would otherwise be dropped without a word: S3Proxy's filesystem store keeps none
        try (S3Client user = refusedUploader(store.settings())) {
            assertThatThrownBy(() -> user.putObject(request -> request.bucket(bucket).key("tagged").tagging("team=data"), RequestBody.fromString("x")))
                    .isInstanceOfSatisfying(S3Exception.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(501);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                    });
        }
        assertThatThrownBy(() -> s3.headObject(request -> request.bucket(bucket).key("tagged"))).isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void reportsMissingKeyAsNoSuchKey()
    {
        assertThatThrownBy(() -> s3.getObjectAsBytes(request -> request.bucket(bucket).key("absent")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void keepsDataAcrossRestartOnSameFolder(@TempDir Path folder)
    {
        Credential credential = new Credential(ACCESS_KEY, SECRET, new Caller("123456789012", "arn:aws:iam::123456789012:root", ACCESS_KEY));
        try (EmbeddedObjectStore first = new EmbeddedObjectStore(folder, 0, credential)) {
            first.start();
            try (S3Client client = S3Clients.create(first.settings())) {
                client.createBucket(request -> request.bucket("durable"));
                client.putObject(request -> request.bucket("durable").key("a/key.txt").contentType("text/plain"),
                        RequestBody.fromString("still here"));
            }
        }

        try (EmbeddedObjectStore second = new EmbeddedObjectStore(folder, 0, credential)) {
            second.start();
            try (S3Client client = S3Clients.create(second.settings())) {
                assertThat(client.listBuckets().buckets()).extracting(Bucket::name).containsExactly("durable");
                assertThat(client.getObjectAsBytes(request -> request.bucket("durable").key("a/key.txt")).asUtf8String())
                        .isEqualTo("still here");
                assertThat(client.headObject(request -> request.bucket("durable").key("a/key.txt")).contentType()).isEqualTo("text/plain");
            }
        }
    }

    @Test
    void uploadsLocalFileToS3Uri()
            throws IOException
    {
        Path log = Files.write(dataDirectory.resolve("stdout.gz"), randomBytes(4096, 4));

        String eTag = new ObjectUploader(s3).putFile(log, S3Location.parse("s3://" + bucket + "/applications/app1/jobs/run1/SPARK_DRIVER/stdout.gz"));

        HeadObjectResponse head = s3.headObject(request -> request.bucket(bucket).key("applications/app1/jobs/run1/SPARK_DRIVER/stdout.gz"));
        assertThat(head.eTag()).isEqualTo(eTag);
        assertThat(head.contentType()).isEqualTo("application/gzip");
        assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("applications/app1/jobs/run1/SPARK_DRIVER/stdout.gz")).asByteArray())
                .isEqualTo(Files.readAllBytes(log));
    }

    @Test
    void refusesSecondStart()
    {
        assertThatThrownBy(store::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failsToStartOnTakenPort(@TempDir Path folder)
    {
        EmbeddedObjectStore rival = new EmbeddedObjectStore(folder, store.port(), ACCESS_KEY, SECRET);

        assertThatThrownBy(rival::start).isInstanceOf(UncheckedIOException.class).hasMessageContaining(Integer.toString(store.port()));
        assertThatThrownBy(rival::port).isInstanceOf(IllegalStateException.class);
        rival.close();
    }

    private static byte[] randomBytes(int size, long seed)
    {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * For uploads the store refuses before reading their body: the AWS SDK with its Apache client, as users run it.
     * The JDK's HttpURLConnection under {@link S3Clients} (the control plane's own uploads, never refused) may still
     * be writing the body when the error and the connection's close arrive, and then reports "Error writing request
     * body to server" instead of the error, which made these tests fail now and then.
     */
    private static S3Client refusedUploader(ObjectStoreSettings settings)
    {
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
