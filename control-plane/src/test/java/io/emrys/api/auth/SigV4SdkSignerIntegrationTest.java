package io.emrys.api.auth;

import io.emrys.common.Credential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests signed by the AWS SDK for Java v2's own signer (the oracle), sent over real HTTP to an Armeria
 * server with the decorator: what the SDK signs must pass, and any change after signing must not.
 */
@Timeout(60)
class SigV4SdkSignerIntegrationTest
{
    private static final Set<String> HEADERS_THE_JDK_CLIENT_SETS = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private static EchoServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startServer()
    {
        server = new EchoServer();
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @BeforeEach
    void resetClock()
    {
        server.clock().set(Instant.now());
    }

    @Test
    void acceptsSignedJsonPostAndHandsTheCallerToTheService()
            throws Exception
    {
        Exchange exchange = send(new Signing(SdkHttpMethod.POST, "/applications", "{\"name\":\"etl\",\"type\":\"SPARK\"}"));

        assertThat(exchange.status()).isEqualTo(200);
        assertThat(exchange.body().path("accessKeyId").asText()).isEqualTo(EchoServer.ACCESS_KEY_ID);
        assertThat(exchange.body().path("signingService").asText()).isEqualTo("emr-serverless");
        assertThat(server.lastCall().body()).isEqualTo("{\"name\":\"etl\",\"type\":\"SPARK\"}");
        assertThat(server.lastCall().caller().principalArn()).isEqualTo("arn:aws:iam::123456789012:root");
    }

    @Test
    void acceptsEncodedPathsAsSentWithoutDecodingTwice()
            throws Exception
    {
        for (String path : List.of("/applications/00f1%2Bx/jobruns", "/tags/arn%3Aaws%3Aemr-serverless%3Aus-east-1%3A123456789012%3A%2Fapplications%2Fa%2Bb",
                "/applications/with%20space/x~y", "/applications/%E1%88%B4", "/applications//x/")) {
            Exchange exchange = send(new Signing(SdkHttpMethod.GET, path, ""));
            assertThat(exchange.status()).as(path).isEqualTo(200);
            assertThat(server.lastCall().rawPath()).as(path).isEqualTo(path);
        }
    }

    @Test
    void acceptsQueryStringsWithRepeatedAndEncodedParameters()
            throws Exception
    {
        Exchange exchange = send(new Signing(SdkHttpMethod.GET, "/applications/app1/jobruns", "")
                .query("states", "RUNNING", "SUCCESS").query("nextToken", "a+b/c= d").query("createdAtAfter", "2025-01-01T00:00:00Z").query("empty", ""));

        assertThat(exchange.status()).isEqualTo(200);
        assertThat(server.lastCall().signingService()).isEqualTo("emr-serverless");
    }

    @Test
    void acceptsHttp2RequestsWhereTheHostIsOnlyTheAuthority()
            throws Exception
    {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // the first request upgrades the connection (h2c), the following ones travel as HTTP/2 frames
        for (int i = 0; i < 3; i++) {
            SignedRequest signed = new Signing(SdkHttpMethod.GET, "/applications/a%2Bb", "").sign();
            HttpRequest.Builder builder = HttpRequest.newBuilder(signed.request().getUri()).GET();
            signed.request().forEachHeader((name, values) -> {
                if (!HEADERS_THE_JDK_CLIENT_SETS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            HttpResponse<String> response = http2.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            if (i > 0) {
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            }
        }
    }

    @Test
    void acceptsAwsJsonTargetRequestsForEmr()
            throws Exception
    {
        Exchange exchange = send(new Signing(SdkHttpMethod.POST, "/", "{}").service("elasticmapreduce")
                .header("X-Amz-Target", "ElasticMapReduce.ListClusters").header("Content-Type", "application/x-amz-json-1.1"));

        assertThat(exchange.status()).isEqualTo(200);
        assertThat(server.lastCall().signingService()).isEqualTo("elasticmapreduce");
    }

    @Test
    void refusesAnUnsignedPayloadAndPassesNothingOn()
            throws Exception
    {
        int before = server.calls().size();
        Exchange exchange = send(new Signing(SdkHttpMethod.PUT, "/objects/key", "unsigned body").unsignedPayload());

        assertThat(exchange.signedHeaders()).containsEntry("x-amz-content-sha256", List.of("UNSIGNED-PAYLOAD"));
        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(exchange.body().path("message").asText()).contains("UNSIGNED-PAYLOAD is not accepted");
        assertThat(server.calls()).hasSize(before);
    }

    @Test
    void refusesASignatureForAnotherServiceSuchAsAPresignedObjectStoreUrlReplayedAtTheApi()
            throws Exception
    {
        int before = server.calls().size();
        Exchange header = send(new Signing(SdkHttpMethod.GET, "/applications", "").service("s3"));
        Exchange presigned = send(new Signing(SdkHttpMethod.GET, "/applications", "").service("s3").presigned(Duration.ofMinutes(5)));

        for (Exchange exchange : List.of(header, presigned)) {
            assertThat(exchange.status()).isEqualTo(403);
            assertThat(exchange.errorType()).isEqualTo("InvalidSignatureException");
            assertThat(exchange.body().path("message").asText()).startsWith("Credential should be scoped to correct service: ");
        }
        assertThat(server.calls()).hasSize(before);
    }

    @Test
    void refusesASignatureForAnotherRegion()
            throws Exception
    {
        int before = server.calls().size();
        Exchange exchange = send(new Signing(SdkHttpMethod.GET, "/applications", "").region("eu-west-1"));

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(exchange.body().path("message").asText()).startsWith("Credential should be scoped to a valid region.");
        assertThat(server.calls()).hasSize(before);
    }

    @Test
    void acceptsPresignedUrlUntilItExpires()
            throws Exception
    {
        Signing presigned = new Signing(SdkHttpMethod.GET, "/applications/a%2Bb", "").query("maxResults", "10").presigned(Duration.ofMinutes(5));
        SignedRequest signed = presigned.sign();
        assertThat(signed.request().rawQueryParameters()).containsKey("X-Amz-Signature");

        assertThat(send(signed, presigned.body).status()).isEqualTo(200);

        server.clock().advance(Duration.ofMinutes(5).plusSeconds(1));
        Exchange expired = send(signed, presigned.body);
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(expired.body().path("message").asText()).startsWith("Signature expired");
    }

    @Test
    void refusesRequestWithoutAuthentication()
            throws Exception
    {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/applications")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("x-amzn-errortype")).hasValue("MissingAuthenticationTokenException");
        assertThat(response.headers().firstValue("x-amzn-requestid")).isPresent();
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
        assertThat(body.path("message").asText()).isNotEmpty();
    }

    @Test
    void refusesMalformedAuthorizationHeaderAsIncomplete()
            throws Exception
    {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/applications"))
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + EchoServer.ACCESS_KEY_ID + "/20250101/us-east-1/emr-serverless/aws4_request")
                        .header("X-Amz-Date", "20250101T000000Z")
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-errortype")).hasValue("IncompleteSignatureException");
    }

    @Test
    void refusesWrongSecret()
            throws Exception
    {
        Exchange exchange = send(new Signing(SdkHttpMethod.GET, "/applications", "").credentials(EchoServer.ACCESS_KEY_ID, "not-the-secret"));

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.errorType()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void refusesUnknownAccessKey()
            throws Exception
    {
        Exchange exchange = send(new Signing(SdkHttpMethod.GET, "/applications", "").credentials("AKIAUNKNOWNKEY000000", EchoServer.SECRET_ACCESS_KEY));

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.errorType()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void refusesSessionTokenItDidNotIssue()
            throws Exception
    {
        Exchange exchange = send(new Signing(SdkHttpMethod.GET, "/applications", "").sessionToken("FwoGZXIvYXdzEXAMPLE"));

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.errorType()).isEqualTo("UnrecognizedClientException");
    }

    @Test
    void refusesBodyChangedAfterSigning()
            throws Exception
    {
        // same length, so the signed Content-Length still holds and only the body differs
        Signing signing = new Signing(SdkHttpMethod.POST, "/applications", "{\"name\":\"etl\"}");
        Exchange exchange = send(signing.sign(), "{\"name\":\"eve\"}");

        // the SDK signs x-amz-content-sha256 for bodies: the signature holds, the body does not match the signed hash
        assertThat(exchange.signedHeaders()).containsKey("x-amz-content-sha256");
        assertThat(exchange.status()).isEqualTo(400);
        assertThat(exchange.errorType()).isEqualTo("XAmzContentSHA256Mismatch");
        assertThat(server.calls()).noneMatch(call -> call.body().contains("eve"));
    }

    @Test
    void refusesQueryChangedAfterSigning()
            throws Exception
    {
        Signing signing = new Signing(SdkHttpMethod.GET, "/applications", "").query("maxResults", "10");
        SignedRequest signed = signing.sign();
        SdkHttpRequest tampered = signed.request().toBuilder().putRawQueryParameter("maxResults", "11").build();
        Exchange exchange = send(SignedRequest.builder().request(tampered).build(), "");

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.errorType()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void refusesRequestSignedWithSkewedClock()
            throws Exception
    {
        server.clock().advance(Duration.ofMinutes(16));
        Exchange late = send(new Signing(SdkHttpMethod.GET, "/applications", ""));
        assertThat(late.status()).isEqualTo(403);
        assertThat(late.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(late.body().path("message").asText()).startsWith("Signature expired");

        server.clock().advance(Duration.ofMinutes(-32));
        Exchange early = send(new Signing(SdkHttpMethod.GET, "/applications", ""));
        assertThat(early.status()).isEqualTo(403);
        assertThat(early.errorType()).isEqualTo("InvalidSignatureException");
        assertThat(early.body().path("message").asText()).startsWith("Signature not yet current");

        server.clock().advance(Duration.ofMinutes(30));
        assertThat(send(new Signing(SdkHttpMethod.GET, "/applications", "")).status()).isEqualTo(200);
    }

    @Test
    void answersQueryProtocolServicesInXml()
            throws Exception
    {
        Signing signing = new Signing(SdkHttpMethod.POST, "/", "Action=GetCallerIdentity&Version=2011-06-15").service("sts")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .credentials(EchoServer.ACCESS_KEY_ID, "not-the-secret");
        Exchange exchange = send(signing.sign(), signing.body);

        assertThat(exchange.status()).isEqualTo(403);
        assertThat(exchange.errorType()).isEqualTo("SignatureDoesNotMatch");
        assertThat(exchange.rawBody()).contains("<Code>SignatureDoesNotMatch</Code>").contains("<RequestId>");
    }

    @Test
    void refusesBodiesAboveTheCap()
            throws Exception
    {
        Exchange exchange = send(new Signing(SdkHttpMethod.POST, "/applications", "x".repeat((int) SigV4AuthDecorator.DEFAULT_MAX_BODY_BYTES + 1)));

        assertThat(exchange.status()).isEqualTo(413);
    }

    private Exchange send(Signing signing)
            throws IOException, InterruptedException
    {
        return send(signing.sign(), signing.body);
    }

    private Exchange send(SignedRequest signed, String body)
            throws IOException, InterruptedException
    {
        SdkHttpRequest request = signed.request();
        URI target = URI.create(request.getUri().toString().replaceFirst("^https:", "http:"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .method(request.method().name(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        request.forEachHeader((name, values) -> {
            if (!HEADERS_THE_JDK_CLIENT_SETS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed = response.body().startsWith("{") ? json.readTree(response.body()) : json.createObjectNode();
        Map<String, List<String>> signedHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        signedHeaders.putAll(request.headers());
        return new Exchange(response.statusCode(), response.headers().firstValue("x-amzn-errortype").orElse(""), parsed, response.body(), signedHeaders);
    }

    private record Exchange(int status, String errorType, JsonNode body, String rawBody, Map<String, List<String>> signedHeaders) {}

    /** One request to sign, with the signer settings a test varies. */
    private static final class Signing
    {
        private final SdkHttpRequest.Builder request;
        private final String body;
        private String service = "emr-serverless";
        private String region = "us-east-1";
        private AwsCredentialsIdentity identity = AwsCredentialsIdentity.create(EchoServer.ACCESS_KEY_ID, EchoServer.SECRET_ACCESS_KEY);
        private boolean payloadSigning = true;
        private Duration presignedFor;
        // the client's own clock, which the skew tests keep apart from the server's
        private final Instant clientTime = Instant.now();

        Signing(SdkHttpMethod method, String rawPath, String body)
        {
            this.request = SdkHttpRequest.builder().method(method).uri(URI.create(server.endpoint() + rawPath));
            this.body = body;
        }

        Signing query(String name, String... values)
        {
            request.putRawQueryParameter(name, List.of(values));
            return this;
        }

        Signing header(String name, String value)
        {
            request.putHeader(name, value);
            return this;
        }

        Signing service(String service)
        {
            this.service = service;
            return this;
        }

        Signing region(String region)
        {
            this.region = region;
            return this;
        }

        Signing credentials(String accessKeyId, String secretAccessKey)
        {
            this.identity = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
            return this;
        }

        Signing sessionToken(String token)
        {
            this.identity = AwsSessionCredentialsIdentity.create(identity.accessKeyId(), identity.secretAccessKey(), token);
            return this;
        }

        Signing unsignedPayload()
        {
            // the SDK signs the payload anyway over plain HTTP; the scheme is not part of the signature, so sign as https
            request.protocol("https");
            this.payloadSigning = false;
            return this;
        }

        Signing presigned(Duration duration)
        {
            this.presignedFor = duration;
            return this;
        }

        SignedRequest sign()
        {
            if (!body.isEmpty()) {
                request.putHeader("Content-Length", Integer.toString(EchoServer.utf8(body).length));
            }
            return AwsV4HttpSigner.create().sign(signRequest -> {
                signRequest.identity(identity)
                        .request(request.build())
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(clientTime, ZoneOffset.UTC));
                if (!body.isEmpty()) {
                    signRequest.payload(ContentStreamProvider.fromUtf8String(body));
                }
                if (presignedFor != null) {
                    signRequest.putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                            .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, presignedFor);
                }
            });
        }
    }
}
