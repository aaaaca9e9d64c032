package io.emrys.api.auth;

import io.emrys.common.Credential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class SigV4AuthorizationParserTest
{
    private static final String CREDENTIAL = "AKIDEXAMPLE/20150830/us-east-1/emr-serverless/aws4_request";
    private static final String PRESIGNED = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Femr-serverless%2Faws4_request"
            + "&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=abc";

    @Test
    void parsesHeaderForm()
    {
        SigV4Authorization authorization = SigV4AuthorizationParser.parse(request("",
                "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ",SignedHeaders=Host;X-Amz-Date,   Signature=abc",
                "x-amz-date", "20150830T123600Z"));

        assertThat(authorization.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(authorization.scope().service()).isEqualTo("emr-serverless");
        assertThat(authorization.scope().region()).isEqualTo("us-east-1");
        assertThat(authorization.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(authorization.requestTime()).isEqualTo(Instant.parse("2015-08-30T12:36:00Z"));
        assertThat(authorization.presigned()).isFalse();
    }

    @Test
    void parsesPresignedForm()
    {
        SigV4Authorization authorization = SigV4AuthorizationParser.parse(request(PRESIGNED));

        assertThat(authorization.presigned()).isTrue();
        assertThat(authorization.expires()).contains(Duration.ofSeconds(60));
        assertThat(authorization.scope().scopeString()).isEqualTo("20150830/us-east-1/emr-serverless/aws4_request");
    }

    @Test
    void fallsBackToTheDateHeader()
    {
        SigV4Authorization authorization = SigV4AuthorizationParser.parse(request("",
                "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host;date, Signature=abc",
                "date", "Sun, 30 Aug 2015 12:36:00 GMT"));

        assertThat(authorization.amzDate()).isEqualTo("20150830T123600Z");
    }

    @Test
    void rejectsRequestWithoutAnyAuthentication()
    {
        assertReason(request("maxResults=1"), AuthFailureReason.MISSING_AUTHENTICATION);
    }

    @Test
    void rejectsHeaderWithoutSignature()
    {
        assertReason(request("", "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host",
                "x-amz-date", "20150830T123600Z"), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsHeaderWithoutDate()
    {
        assertReason(request("", "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=abc"),
                AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsOtherAlgorithms()
    {
        assertReason(request("", "authorization", "AWS4-ECDSA-P256-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=abc",
                "x-amz-date", "20150830T123600Z"), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsMalformedCredentialScope()
    {
        assertReason(request("", "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/aws4_request, SignedHeaders=host, Signature=abc",
                "x-amz-date", "20150830T123600Z"), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsSignatureThatDoesNotCoverTheHost()
    {
        assertReason(request("", "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=x-amz-date, Signature=abc",
                "x-amz-date", "20150830T123600Z"), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsScopeDateThatDiffersFromRequestDate()
    {
        assertReason(request("", "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=abc",
                "x-amz-date", "20150831T000000Z"), AuthFailureReason.SIGNATURE_MISMATCH);
    }

    @Test
    void rejectsBothAuthenticationForms()
    {
        assertReason(request(PRESIGNED, "authorization", "AWS4-HMAC-SHA256 Credential=" + CREDENTIAL + ", SignedHeaders=host, Signature=abc",
                "x-amz-date", "20150830T123600Z"), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsPresignedUrlWithoutExpiry()
    {
        assertReason(request(PRESIGNED.replace("&X-Amz-Expires=60", "")), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsPresignedUrlValidForMoreThanSevenDays()
    {
        assertReason(request(PRESIGNED.replace("X-Amz-Expires=60", "X-Amz-Expires=604801")), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    @Test
    void rejectsMalformedAmzDate()
    {
        assertReason(request(PRESIGNED.replace("20150830T123600Z", "2015-08-30T12:36:00Z")), AuthFailureReason.INCOMPLETE_SIGNATURE);
    }

    private static void assertReason(SignableRequest request, AuthFailureReason reason)
    {
        assertThatThrownBy(() -> SigV4AuthorizationParser.parse(request))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static SignableRequest request(String query, String... headers)
    {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("host", List.of("example.amazonaws.com"));
        for (int i = 0; i < headers.length; i += 2) {
            values.put(headers[i], List.of(headers[i + 1]));
        }
        return new SignableRequest("GET", "/", query, values, new byte[0]);
    }
}
