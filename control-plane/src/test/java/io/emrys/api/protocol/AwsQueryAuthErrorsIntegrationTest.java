package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What SigV4AuthDecorator answers in front of IAM and STS before any codec runs: awsQuery's ErrorResponse in the
 * namespace of the service behind it, whatever the request's method or Content-Type.
 */
@Timeout(60)
class AwsQueryAuthErrorsIntegrationTest
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
    void anUnsignedIamRequestIsRefusedInIamsNamespace()
    {
        AggregatedHttpResponse response = post("/iam", "Action=ListUsers&Version=2010-05-08");

        assertThat(response.status().code()).isEqualTo(403);
        assertThat(response.contentType().subtype()).isEqualTo("xml");
        assertThat(response.contentUtf8()).startsWith("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>"
                + "<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void anUnsignedStsGetIsRefusedInStsNamespace()
    {
        AggregatedHttpResponse response = WebClient.of(server.endpoint("")).get("/sts/?Action=GetCallerIdentity&Version=2011-06-15").aggregate().join();

        assertThat(response.status().code()).isEqualTo(403);
        assertThat(response.contentUtf8()).startsWith("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type>"
                + "<Code>MissingAuthenticationToken</Code>");
    }

    @Test
    void aForgedSignatureIsSignatureDoesNotMatchInTheNamespaceOfTheServiceItNames()
    {
        String authorization = "AWS4-HMAC-SHA256 Credential=" + AwsQueryTestServer.ACCESS_KEY_ID + "/20261203/us-east-1/iam/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + "0".repeat(64);
        RequestHeaders headers = RequestHeaders.builder(HttpMethod.POST, "/")
                .contentType(MediaType.FORM_DATA)
                .add("authorization", authorization)
                .add("x-amz-date", "20261203T100000Z")
                .build();

        AggregatedHttpResponse response = WebClient.of(server.endpoint("")).execute(headers, "Action=ListUsers&Version=2010-05-08").aggregate().join();

        assertThat(response.status().code()).isEqualTo(403);
        assertThat(response.contentUtf8()).startsWith("<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type>"
                + "<Code>SignatureDoesNotMatch</Code>");
    }

    private static AggregatedHttpResponse post(String path, String form)
    {
        return WebClient.of(server.endpoint("")).execute(RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.FORM_DATA).build(), form)
                .aggregate().join();
    }
}
