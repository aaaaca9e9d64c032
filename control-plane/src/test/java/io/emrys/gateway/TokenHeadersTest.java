package io.emrys.gateway;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import io.emrys.common.ConnectSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class TokenHeadersTest
{
    private static RequestHeadersBuilder call()
    {
        return RequestHeaders.builder(HttpMethod.POST, "/spark.connect.SparkConnectService/ExecutePlan")
                .scheme("https")
                .authority("localhost:15002")
                .contentType(com.linecorp.armeria.common.MediaType.parse("application/grpc"))
                .add("te", "trailers");
    }

    @Test
    void readsTheProxyAuthHeader()
    {
        assertThat(TokenHeaders.token(call().add("x-aws-proxy-auth", "abc123").build())).contains("abc123");
    }

    @Test
    void readsABearerTokenInAnyCaseOfTheScheme()
    {
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "Bearer abc123").build())).contains("abc123");
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "bearer  abc123 ").build())).contains("abc123");
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "BEARER abc123").build())).contains("abc123");
    }

    @Test
    void prefersTheProxyAuthHeaderOverAuthorization()
    {
        RequestHeaders headers = call()
                .add("x-aws-proxy-auth", "from-proxy-auth")
                .add(HttpHeaderNames.AUTHORIZATION, "Bearer from-bearer")
                .build();
        assertThat(TokenHeaders.token(headers)).contains("from-proxy-auth");
    }

    @Test
    void ignoresOtherAuthorizationSchemes()
    {
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "Basic dXNlcjpwYXNz").build())).isEmpty();
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "Bearer").build())).isEmpty();
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "Bearer ").build())).isEmpty();
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "Bearer two words").build())).isEmpty();
        assertThat(TokenHeaders.token(call().add(HttpHeaderNames.AUTHORIZATION, "Bearerabc").build())).isEmpty();
    }

    @Test
    void findsNoTokenWhenNoneIsSent()
    {
        assertThat(TokenHeaders.token(call().build())).isEmpty();
        assertThat(TokenHeaders.token(call().add("x-aws-proxy-auth", "  ").build())).isEmpty();
    }

    @Test
    void treatsARepeatedTokenHeaderAsNoToken()
    {
        assertThat(TokenHeaders.token(call().add("x-aws-proxy-auth", "one").add("x-aws-proxy-auth", "two").build())).isEmpty();
        assertThat(TokenHeaders.token(call()
                .add(HttpHeaderNames.AUTHORIZATION, "Bearer one")
                .add(HttpHeaderNames.AUTHORIZATION, "Bearer two")
                .build())).isEmpty();
    }

    @Test
    void readsTheClaimedSessionAndFlagsARepeatedOne()
    {
        assertThat(TokenHeaders.claimedSessionId(call().add("x-emrys-session-id", "00abc").build())).contains("00abc");
        assertThat(TokenHeaders.claimedSessionId(call().build())).isEmpty();
        assertThat(TokenHeaders.hasAmbiguousSessionId(call().add("x-emrys-session-id", "a").add("x-emrys-session-id", "b").build())).isTrue();
        assertThat(TokenHeaders.hasAmbiguousSessionId(call().add("x-emrys-session-id", "a").build())).isFalse();
    }

    @Test
    void stripsCredentialsAndRetargetsTheAuthorityForTheDriver()
    {
        RequestHeaders headers = call()
                .add("x-aws-proxy-auth", "secret1")
                .add(HttpHeaderNames.AUTHORIZATION, "Bearer secret2")
                .add("x-emrys-session-id", "00abc")
                .add("user-agent", "_SPARK_CONNECT_SCALA")
                .add("x-custom", "kept")
                .build();

        ConnectSecret secret = ConnectSecret.random();

        SessionTarget target = new SessionTarget("00abc", 41234, secret);

        RequestHeaders forDriver = TokenHeaders.forDriver(headers, target);

        assertThat(forDriver.contains("x-aws-proxy-auth")).isFalse();
        // the client's token is gone; the one authorization left is the driver's own secret
        assertThat(forDriver.getAll(HttpHeaderNames.AUTHORIZATION)).containsExactly("Bearer " + secret.value());
        assertThat(forDriver.contains("x-emrys-session-id")).isFalse();
        assertThat(forDriver.authority()).isEqualTo("127.0.0.1:41234");
        assertThat(forDriver.path()).isEqualTo("/spark.connect.SparkConnectService/ExecutePlan");
        assertThat(forDriver.method()).isEqualTo(HttpMethod.POST);
        assertThat(forDriver.get("te")).isEqualTo("trailers");
        assertThat(forDriver.get("x-custom")).isEqualTo("kept");
        assertThat(forDriver.get("user-agent")).isEqualTo("_SPARK_CONNECT_SCALA");
        assertThat(target.toString()).as("a target may be logged").doesNotContain(secret.value());
    }
}
