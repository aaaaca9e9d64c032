package io.emrys.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.emrys.audit.AuditEvent;
import io.emrys.audit.AuditFilter;
import io.emrys.testing.ProfileCommands;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The embedded store authenticates every Emrys identity with its own keys and authorizes each S3 request against that
 * identity's IAM policies, as S3 does, with the AWS SDK for Java v2's S3, IAM and STS clients against a real server.
 * One server for the class; the test that moves its clock puts it back.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreAuthorizationIntegrationTest
{
    private static final String READ_INPUT_POLICY = """
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-a/input/*"},
              {"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::bucket-a","Condition":{"StringLike":{"s3:prefix":"input/*"}}}]}""";

    private final TestingClock clock = TestingClock.followingSystemTime();
    private TestingEmrys emrys;
    private String account;
    private IamClient iam;
    private S3Client root;
    private S3Client reader;
    private S3Client nobody;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(clock);
        account = emrys.server().accessKeys().accountId();
        iam = IamClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1).credentialsProvider(emrys.credentials())
                .httpClient(ApacheHttpClient.create()).build();
        root = s3(emrys.credentials());
        root.createBucket(request -> request.bucket("bucket-a"));
        root.createBucket(request -> request.bucket("bucket-b"));
        root.putObject(request -> request.bucket("bucket-a").key("input/data.csv"), RequestBody.fromString("a,b\n1,2\n"));
        root.putObject(request -> request.bucket("bucket-a").key("output/existing.txt"), RequestBody.fromString("kept"));
        root.putObject(request -> request.bucket("bucket-b").key("secret.txt"), RequestBody.fromString("not for the role"));

        reader = s3(userWithPolicy("reader", Optional.of(READ_INPUT_POLICY)));
        nobody = s3(userWithPolicy("nobody", Optional.empty()));
    }

    @AfterAll
    void stopServer()
    {
        for (software.amazon.awssdk.utils.SdkAutoCloseable client : new software.amazon.awssdk.utils.SdkAutoCloseable[] {reader, nobody, root, iam}) {
            if (client != null) {
                client.close();
            }
        }
        emrys.close();
    }

    @Test
    void aUserReadsAndListsThePrefixItsPolicyAllows()
    {
        assertThat(reader.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")).asUtf8String()).isEqualTo("a,b\n1,2\n");
        assertThat(reader.headObject(request -> request.bucket("bucket-a").key("input/data.csv")).contentLength()).isEqualTo(8);
        assertThat(reader.listObjectsV2(request -> request.bucket("bucket-a").prefix("input/")).contents()).extracting(S3Object::key)
                .containsExactly("input/data.csv");
    }

    @Test
    void aUserIsDeniedListingOutsideItsPrefix()
    {
        assertAccessDenied(() -> reader.listObjectsV2(request -> request.bucket("bucket-a").prefix("output/")));
        assertAccessDenied(() -> reader.listObjectsV2(request -> request.bucket("bucket-a")));
        assertAccessDenied(() -> reader.getObjectAsBytes(request -> request.bucket("bucket-a").key("output/existing.txt")));
    }

    @Test
    void aDeniedPutLeavesNoObjectAndNoFile()
    {
        assertAccessDenied(() -> reader.putObject(request -> request.bucket("bucket-a").key("input/denied-put.txt"), RequestBody.fromString("nope")));

        assertThat(catchThrowableOfType(() -> root.headObject(request -> request.bucket("bucket-a").key("input/denied-put.txt")), S3Exception.class)
                .statusCode()).isEqualTo(404);
        assertThat(filesNamed("denied-put")).isEmpty();
    }

    @Test
    void aDeniedDeleteLeavesTheObject()
    {
        assertAccessDenied(() -> reader.deleteObject(request -> request.bucket("bucket-a").key("input/data.csv")));
        assertAccessDenied(() -> reader.deleteObjects(request -> request.bucket("bucket-a")
                .delete(delete -> delete.objects(ObjectIdentifier.builder().key("input/data.csv").build()))));

        assertThat(root.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")).asUtf8String()).isEqualTo("a,b\n1,2\n");
    }

    @Test
    void aDeniedMultipartCompletionLeavesNoObject()
    {
        String uploadId = root.createMultipartUpload(request -> request.bucket("bucket-a").key("input/denied-multipart.bin")).uploadId();
        String etag = root.uploadPart(request -> request.bucket("bucket-a").key("input/denied-multipart.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromString("part one")).eTag();

        assertAccessDenied(() -> reader.completeMultipartUpload(request -> request.bucket("bucket-a").key("input/denied-multipart.bin").uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(CompletedPart.builder().partNumber(1).eTag(etag).build()))));
        assertAccessDenied(() -> reader.createMultipartUpload(request -> request.bucket("bucket-a").key("input/denied-multipart-2.bin")));
        assertAccessDenied(() -> reader.abortMultipartUpload(request -> request.bucket("bucket-a").key("input/denied-multipart.bin").uploadId(uploadId)));

        assertThat(catchThrowableOfType(() -> root.headObject(request -> request.bucket("bucket-a").key("input/denied-multipart.bin")), S3Exception.class)
                .statusCode()).isEqualTo(404);
        root.abortMultipartUpload(request -> request.bucket("bucket-a").key("input/denied-multipart.bin").uploadId(uploadId));
    }

    @Test
    void aUserWithoutPoliciesIsDeniedEverything()
    {
        assertAccessDenied(() -> nobody.listBuckets());
        assertAccessDenied(() -> nobody.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")));
        assertAccessDenied(() -> nobody.listObjectsV2(request -> request.bucket("bucket-a").prefix("input/")));
        assertAccessDenied(() -> nobody.putObject(request -> request.bucket("bucket-a").key("input/by-nobody.txt"), RequestBody.fromString("x")));
        assertAccessDenied(() -> nobody.createBucket(request -> request.bucket("bucket-by-nobody")));
        assertAccessDenied(() -> nobody.deleteBucket(request -> request.bucket("bucket-b")));
        // HEAD answers carry no error document: the status is all there is
        assertThat(catchThrowableOfType(() -> nobody.headBucket(request -> request.bucket("bucket-a")), S3Exception.class).statusCode()).isEqualTo(403);
        assertThat(catchThrowableOfType(() -> nobody.headObject(request -> request.bucket("bucket-a").key("input/data.csv")), S3Exception.class).statusCode())
                .isEqualTo(403);

        assertThat(root.listBuckets().buckets()).extracting(bucket -> bucket.name()).contains("bucket-a", "bucket-b").doesNotContain("bucket-by-nobody");
    }

    @Test
    void aWrongSecretIsASignatureErrorEvenForAUserWhoMayDoNothing()
    {
        AccessKey key = iam.createAccessKey(request -> request.userName("nobody")).accessKey();
        try (S3Client forger = s3(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), "wrong" + key.secretAccessKey())))) {
            S3Exception refused = catchThrowableOfType(() -> forger.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")),
                    S3Exception.class);

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
        }
        iam.deleteAccessKey(request -> request.userName("nobody").accessKeyId(key.accessKeyId()));
    }

    @Test
    void aDeletedKeyIsRefusedAtOnce()
    {
        iam.createUser(request -> request.userName("leaver"));
        iam.putUserPolicy(request -> request.userName("leaver").policyName("read").policyDocument(READ_INPUT_POLICY));
        AccessKey key = iam.createAccessKey(request -> request.userName("leaver")).accessKey();
        try (S3Client leaver = s3(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))) {
            assertThat(leaver.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")).asUtf8String()).isEqualTo("a,b\n1,2\n");

            iam.deleteAccessKey(request -> request.userName("leaver").accessKeyId(key.accessKeyId()));
            S3Exception refused = catchThrowableOfType(() -> leaver.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")),
                    S3Exception.class);

            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
        }
    }

    @Test
    void aDeniedRequestIsInTheAuditTrail()
    {
        S3Exception denied = assertAccessDenied(
                () -> reader.putObject(request -> request.bucket("bucket-a").key("input/audited.txt"), RequestBody.fromString("nope")));

        List<AuditEvent> events = emrys.server().audit().query(new AuditFilter(Optional.of("arn:aws:iam::" + account + ":user/reader"),
                Optional.of("s3:PutObject"), true, Optional.empty(), 50));
        assertThat(events).filteredOn(event -> event.resource().equals("arn:aws:s3:::bucket-a/input/audited.txt")).singleElement().satisfies(event -> {
            assertThat(event.eventSource()).isEqualTo("s3");
            assertThat(event.allowed()).isFalse();
            assertThat(event.errorCode()).contains("AccessDenied");
            assertThat(event.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(event.requestId()).isEqualTo(denied.requestId());
        });
    }

    @Test
    void aRoleSessionWritesWhatItsRoleAndSessionPolicyAllowWithItsTokenUntilItExpires()
    {
        iam.createUser(request -> request.userName("runner"));
        AccessKey runnerKey = iam.createAccessKey(request -> request.userName("runner")).accessKey();
        iam.createRole(request -> request.roleName("job-role").assumeRolePolicyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:user/runner"},"Action":"sts:AssumeRole"}]}"""
                .formatted(account)));
        iam.putRolePolicy(request -> request.roleName("job-role").policyName("data").policyDocument("""
                {"Version":"2012-10-17","Statement":[
                  {"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-a/input/*"},
                  {"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::bucket-a/output/*"}]}"""));
        Credentials credentials;
        try (StsClient sts = StsClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(runnerKey.accessKeyId(), runnerKey.secretAccessKey())))
                .httpClient(ApacheHttpClient.create()).build()) {
            // the session policy narrows the role's writes to output/narrow/
            credentials = sts.assumeRole(request -> request.roleArn("arn:aws:iam::" + account + ":role/job-role").roleSessionName("run-1")
                    .durationSeconds(900).policy("""
                            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":["arn:aws:s3:::bucket-a/output/narrow/*",
                              "arn:aws:s3:::bucket-a/input/*"]}]}""")).credentials();
        }
        assertThat(credentials.accessKeyId()).startsWith("ASIA");

        try (S3Client session = s3(StaticCredentialsProvider.create(
                AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken())));
                S3Client withoutToken = s3(StaticCredentialsProvider.create(AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())));
                S3Client wrongToken = s3(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken() + "x")))) {
            session.putObject(request -> request.bucket("bucket-a").key("output/narrow/part-0"), RequestBody.fromString("result"));
            session.copyObject(request -> request.sourceBucket("bucket-a").sourceKey("input/data.csv").destinationBucket("bucket-a")
                    .destinationKey("output/narrow/copy.csv"));
            assertThat(root.getObjectAsBytes(request -> request.bucket("bucket-a").key("output/narrow/copy.csv")).asUtf8String()).isEqualTo("a,b\n1,2\n");

            // allowed by the role, not by the session policy
            assertAccessDenied(() -> session.putObject(request -> request.bucket("bucket-a").key("output/wide.txt"), RequestBody.fromString("x")));
            // a copy needs GetObject on its source
            assertAccessDenied(() -> session.copyObject(request -> request.sourceBucket("bucket-b").sourceKey("secret.txt").destinationBucket("bucket-a")
                    .destinationKey("output/narrow/stolen.txt")));
            assertThat(catchThrowableOfType(() -> root.headObject(request -> request.bucket("bucket-a").key("output/narrow/stolen.txt")), S3Exception.class)
                    .statusCode()).isEqualTo(404);

            S3Exception noToken = catchThrowableOfType(() -> withoutToken.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")),
                    S3Exception.class);
            assertThat(noToken.awsErrorDetails().errorCode()).isEqualTo("InvalidAccessKeyId");
            S3Exception badToken = catchThrowableOfType(() -> wrongToken.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")),
                    S3Exception.class);
            assertThat(badToken.statusCode()).isEqualTo(400);
            assertThat(badToken.awsErrorDetails().errorCode()).isEqualTo("InvalidToken");

            clock.advance(Duration.ofSeconds(901));
            try {
                S3Exception expired = catchThrowableOfType(() -> session.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/data.csv")),
                        S3Exception.class);

                assertThat(expired.statusCode()).isEqualTo(400);
                assertThat(expired.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
                assertThat(expired.awsErrorDetails().errorMessage()).isEqualTo("The provided token has expired.");
            }
            finally {
                // the API checks request times against this clock: leave it where the other tests expect it
                clock.advance(Duration.ofSeconds(-901));
            }
        }
    }

    @Test
    void theRootKeyMayDoAnything()
    {
        root.createBucket(request -> request.bucket("bucket-root"));
        root.putObject(request -> request.bucket("bucket-root").key("k"), RequestBody.fromString("v"));
        assertThat(root.listObjectsV2(request -> request.bucket("bucket-root")).contents()).extracting(S3Object::key).containsExactly("k");
        root.deleteObject(request -> request.bucket("bucket-root").key("k"));
        root.deleteBucket(request -> request.bucket("bucket-root"));
        assertThat(catchThrowableOfType(() -> root.getObjectAsBytes(request -> request.bucket("bucket-a").key("input/missing")), NoSuchKeyException.class))
                .isNotNull();
    }

    @Test
    void boto3GetsAccessDeniedForWhatAUsersPolicyDoesNotAllow()
            throws Exception
    {
        Path script = Path.of(getClass().getResource("/clients/boto3_s3_authz.py").toURI());
        ProfileCommands.Result result = new ProfileCommands(emrys.server()).run(List.of(PythonEnvironment.python(), script.toString()));

        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        assertThat(result.stdout()).contains("ok: dora's put is AccessDenied").contains("boto3 s3 authz passed");
    }

    private AwsCredentialsProvider userWithPolicy(String name, Optional<String> policy)
    {
        iam.createUser(request -> request.userName(name));
        policy.ifPresent(document -> iam.putUserPolicy(request -> request.userName(name).policyName("s3").policyDocument(document)));
        AccessKey key = iam.createAccessKey(request -> request.userName(name)).accessKey();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
    }

    private S3Client s3(AwsCredentialsProvider credentials)
    {
        return S3Client.builder()
                .endpointOverride(emrys.server().objectStoreEndpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClient(ApacheHttpClient.create())
                // a refusal is the answer under test, not something to retry
                .overrideConfiguration(configuration -> configuration.retryStrategy(retry -> retry.maxAttempts(1)))
                .build();
    }

    private static S3Exception assertAccessDenied(Executable call)
    {
        S3Exception denied = catchThrowableOfType(() -> call.execute(), S3Exception.class);
        assertThat(denied).as("an S3 error").isNotNull();
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(denied.awsErrorDetails().errorMessage()).isEqualTo("Access Denied");
        return denied;
    }

    private List<Path> filesNamed(String fragment)
    {
        try (Stream<Path> files = Files.walk(emrys.dataDir().resolve("s3"))) {
            return files.filter(path -> path.getFileName().toString().contains(fragment)).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
