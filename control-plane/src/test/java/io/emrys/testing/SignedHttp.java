package io.emrys.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Raw HTTP requests signed with the AWS SDK's own SigV4 signer, for sending input that an SDK would never build
 * (malformed JSON, values that break model constraints).
 */
public final class SignedHttp
{
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final HttpClient client = HttpClient.newHttpClient();

    public SignedHttp(URI endpoint, AwsCredentialsProvider credentials)
    {
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    public HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException
    {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest.Builder unsigned = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(endpoint.resolve(path));
        if (body != null) {
            unsigned.putHeader("Content-Type", "application/json");
        }
        SignedRequest signed = AwsV4HttpSigner.create().sign(request -> request
                .identity(credentials.resolveCredentials())
                .request(unsigned.build())
                .payload(ContentStreamProvider.fromInputStreamSupplier(() -> new ByteArrayInputStream(bytes)))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "emr-serverless")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        HttpRequest.Builder request = HttpRequest.newBuilder(signed.request().getUri())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
