package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateUserResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListUsersResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.User;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * The AWS SDK for Java v2's IAM and STS clients against AwsQueryService, signed. The SDK posts awsQuery requests to
 * {@code /} whatever its endpoint's path, so it reaches them through {@link SigningServiceRouter} at the root.
 */
@Timeout(60)
class AwsQuerySdkIntegrationTest
{
    private static AwsQueryTestServer server;

    @BeforeAll
    static void startServer()
    {
        server = new AwsQueryTestServer();
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @Test
    void createUserSendsItsTagsAndReadsThemBackWithTheTimestampAndEscapedText()
    {
        try (IamClient iam = iam(Region.US_EAST_1, AwsQueryTestServer.SECRET_ACCESS_KEY)) {
            CreateUserResponse response = iam.createUser(request -> request.userName("alice").path("/a&b<c>/")
                    .tags(Tag.builder().key("team").value("data eng").build(), Tag.builder().key("env").value("a+b=c").build()));

            User user = response.user();
            assertThat(user.userName()).isEqualTo("alice");
            assertThat(user.path()).isEqualTo("/a&b<c>/");
            assertThat(user.createDate()).isEqualTo(Instant.parse(AwsQueryTestServer.CREATED));
            assertThat(user.tags()).containsExactly(Tag.builder().key("team").value("data eng").build(), Tag.builder().key("env").value("a+b=c").build());
            assertThat(response.responseMetadata().requestId()).isNotBlank().isNotEqualTo("UNKNOWN");
        }
    }

    @Test
    void listUsersPagesThroughTheMarker()
    {
        try (IamClient iam = iam(Region.US_EAST_1, AwsQueryTestServer.SECRET_ACCESS_KEY)) {
            ListUsersResponse first = iam.listUsers(request -> request.maxItems(2));
            List<String> all = iam.listUsersPaginator(request -> request.maxItems(2)).users().stream().map(User::userName).toList();

            assertThat(first.users()).extracting(User::userName).containsExactly("alice", "bob");
            assertThat(first.isTruncated()).isTrue();
            assertThat(first.marker()).isEqualTo("page-2");
            assertThat(all).containsExactly("alice", "bob", "carol");
        }
    }

    @Test
    void aMissingUserIsTheModeledNoSuchEntityException()
    {
        try (IamClient iam = iam(Region.US_EAST_1, AwsQueryTestServer.SECRET_ACCESS_KEY)) {
            assertThatThrownBy(() -> iam.getUser(request -> request.userName("nobody")))
                    .isInstanceOfSatisfying(NoSuchEntityException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The user with name nobody cannot be found.");
                        assertThat(e.requestId()).isNotBlank();
                    });
        }
    }

    @Test
    void aBrokenConstraintIsValidationError()
    {
        try (IamClient iam = iam(Region.US_EAST_1, AwsQueryTestServer.SECRET_ACCESS_KEY)) {
            assertThatThrownBy(() -> iam.createUser(request -> request.userName("has space")))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value 'has space' at 'userName'");
                    });
        }
    }

    @Test
    void getCallerIdentityNamesTheSigner()
    {
        try (StsClient sts = sts(AwsQueryTestServer.SECRET_ACCESS_KEY)) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();

            assertThat(identity.account()).isEqualTo("123456789012");
            assertThat(identity.arn()).isEqualTo(AwsQueryTestServer.CALLER.principalArn());
            assertThat(identity.userId()).isEqualTo("AIDAEMRYSTESTER");
        }
    }

    @Test
    void assumeRoleSendsEveryListAndReadsNestedCredentials()
    {
        try (StsClient sts = sts(AwsQueryTestServer.SECRET_ACCESS_KEY)) {
            AssumeRoleResponse response = sts.assumeRole(request -> request.roleArn("arn:aws:iam::123456789012:role/etl").roleSessionName("s1")
                    .durationSeconds(3600)
                    .tags(software.amazon.awssdk.services.sts.model.Tag.builder().key("project").value("x").build())
                    .transitiveTagKeys("project")
                    .policyArns(PolicyDescriptorType.builder().arn("arn:aws:iam::aws:policy/ReadOnlyAccess").build(),
                            PolicyDescriptorType.builder().arn("arn:aws:iam::123456789012:policy/mine").build()));

            assertThat(response.credentials().sessionToken()).isEqualTo("token-s1");
            assertThat(response.credentials().expiration()).isEqualTo(Instant.parse("2026-12-03T11:00:00Z"));
            assertThat(response.assumedRoleUser().arn()).isEqualTo("arn:aws:iam::123456789012:role/etl");
            assertThat(response.packedPolicySize()).isEqualTo(12);
        }
        OperationCall call = server.calls().stream().filter(each -> each.operationName().equals("AssumeRole")).findFirst().orElseThrow();
        assertThat(call.input().path("TransitiveTagKeys").get(0).asText()).isEqualTo("project");
        assertThat(call.input().path("DurationSeconds").asInt()).isEqualTo(3600);
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchInQueryForm()
    {
        try (StsClient sts = sts("wrong-secret")) {
            assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(StsException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
        try (IamClient iam = iam(Region.US_EAST_1, "wrong-secret")) {
            assertThatThrownBy(iam::listUsers)
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(403);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                    });
        }
    }

    /**
     * With an endpoint override the SDK signs IAM with the client's own region, not IAM's global us-east-1 (and
     * {@code aws-global} literally), and posts to {@code /} whatever the override's path: aws/aws-sdk-java-v2#3387.
     */
    @Test
    void signsIamWithTheClientsRegionAndPostsToTheRootWhateverTheEndpointsPath()
    {
        for (Region region : List.of(Region.EU_WEST_1, Region.AWS_GLOBAL)) {
            try (IamClient iam = iam(region, AwsQueryTestServer.SECRET_ACCESS_KEY)) {
                assertThatThrownBy(iam::listUsers)
                        .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch"));
            }
            assertThat(server.signed().get(server.signed().size() - 1)).isEqualTo(new AwsQueryTestServer.Signed("/", region.id(), "iam"));
        }
        try (IamClient iam = iam(Region.US_EAST_1, AwsQueryTestServer.SECRET_ACCESS_KEY, server.endpoint("iam"))) {
            assertThat(iam.listUsers().users()).isNotEmpty();
        }
        assertThat(server.signed().get(server.signed().size() - 1)).isEqualTo(new AwsQueryTestServer.Signed("/", "us-east-1", "iam"));
    }

    private static IamClient iam(Region region, String secret)
    {
        return iam(region, secret, server.endpoint(""));
    }

    private static IamClient iam(Region region, String secret, String endpoint)
    {
        return IamClient.builder()
                .endpointOverride(URI.create(endpoint))
                // one attempt: a refused signature is not retried into the next test's records
                .overrideConfiguration(configuration -> configuration.retryStrategy(builder -> builder.maxAttempts(1)))
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsQueryTestServer.ACCESS_KEY_ID, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StsClient sts(String secret)
    {
        return StsClient.builder()
                .endpointOverride(URI.create(server.endpoint("")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(AwsQueryTestServer.ACCESS_KEY_ID, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
