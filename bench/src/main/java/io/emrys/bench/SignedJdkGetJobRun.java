package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A light GetJobRun client: the request is built once, each send signs it afresh with the SDK's SigV4 signer
 * (a new {@code X-Amz-Date}, as any real client) and sends it with the JDK's HTTP client over HTTP/1.1
 * keep-alive connections. It shows the server's latency without the SDK's per-call pipeline on the same cores.
 */
final class SignedJdkGetJobRun
        implements OpenLoopLoad.Request
{
    /** Headers the JDK client writes itself and refuses to take from us. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final HttpClient http;
    private final SdkHttpRequest unsigned;
    private final AwsCredentialsIdentity identity;
    private final URI uri;

    SignedJdkGetJobRun(URI endpoint, AwsBasicCredentials credentials, String applicationId, String jobRunId)
    {
        requireNonNull(endpoint, "endpoint is null");
        this.uri = endpoint.resolve("/applications/" + applicationId + "/jobruns/" + jobRunId);
        this.unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.GET).uri(uri).build();
        this.identity = AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey());
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    @Override
    public void send()
            throws IOException, InterruptedException
    {
        SignedRequest signed = signer.sign(request -> request
                .identity(identity)
                .request(unsigned)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "emr-serverless"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET().timeout(TIMEOUT);
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GetJobRun answered " + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
    }
}
