package io.emrys.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class GatewayEndpointTest
{
    @Test
    void writesASparkConnectStringWithTheSessionForGetSessionEndpoint()
    {
        GatewayEndpoint endpoint = new GatewayEndpoint("localhost", 15002, true);
        assertThat(endpoint.forSession("00abc123")).isEqualTo("sc://localhost:15002/;use_ssl=true;x-emrys-session-id=00abc123");
        assertThat(endpoint.uri()).hasToString("https://localhost:15002");
    }

    @Test
    void keepsPort443Explicit()
    {
        // sc:// without a port means Spark Connect's 15002, so 443 must be written out
        assertThat(new GatewayEndpoint("emrys.example.com", 443, true).forSession("s1")).startsWith("sc://emrys.example.com:443/;");
    }

    @Test
    void leavesOutUseSslForAPlaintextGateway()
    {
        GatewayEndpoint endpoint = new GatewayEndpoint("localhost", 8080, false);
        assertThat(endpoint.forSession("s1")).isEqualTo("sc://localhost:8080/;x-emrys-session-id=s1");
        assertThat(endpoint.uri()).hasToString("http://localhost:8080");
    }

    @Test
    void appendsTheTokenAsProxyAuth()
    {
        assertThat(new GatewayEndpoint("localhost", 15002, true).connectionString("s1", "tok_EN-1"))
                .isEqualTo("sc://localhost:15002/;use_ssl=true;x-emrys-session-id=s1;x-aws-proxy-auth=tok_EN-1");
    }

    @Test
    void rejectsTokensThatClientsWouldSplit()
    {
        GatewayEndpoint endpoint = new GatewayEndpoint("localhost", 15002, true);
        assertThatThrownBy(() -> endpoint.connectionString("s1", "a=b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> endpoint.connectionString("s1", "a;b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> endpoint.connectionString("s1", "a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsSessionIdsOutsideTheModelPattern()
    {
        GatewayEndpoint endpoint = new GatewayEndpoint("localhost", 15002, true);
        assertThatThrownBy(() -> endpoint.forSession("S1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> endpoint.forSession("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> endpoint.forSession("a;b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void staysWithinTheModelLengthForTheLongestSessionId()
    {
        String longest = "a".repeat(64);
        assertThat(new GatewayEndpoint("a-rather-long-host-name.emrys.internal.example.com", 65535, true).forSession(longest))
                .hasSizeLessThanOrEqualTo(GatewayEndpoint.MAX_ENDPOINT_LENGTH);
    }
}
