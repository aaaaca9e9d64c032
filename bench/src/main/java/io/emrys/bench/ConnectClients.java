package io.emrys.bench;

import io.emrys.gateway.GatewayTls;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;

/**
 * Spark Connect JVM clients as session users make them: through the Emrys gateway with the connection string of
 * the AWS sample code ({@code sc://HOST:PORT/;use_ssl=true;x-aws-proxy-auth=TOKEN}), or straight at a Spark Connect
 * server's plaintext gRPC port on loopback.
 */
final class ConnectClients
{
    private ConnectClients() {}

    /**
     * Makes the JVM trust the TLS gateway's CA, the way the server's banner tells JVM clients to. Process-wide; the
     * harness talks TLS to nothing else.
     */
    static void trustGateway(Path trustStore)
    {
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", GatewayTls.TRUSTSTORE_PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", GatewayTls.TRUSTSTORE_TYPE);
    }

    /** Through the gateway; TLS when the endpoint is {@code https}. */
    static SparkSession gateway(SessionApi.Endpoint endpoint)
    {
        URI url = endpoint.url();
        boolean tls = "https".equals(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
        return connect("sc://" + url.getHost() + ":" + port + "/;" + (tls ? "use_ssl=true;" : "") + "x-aws-proxy-auth=" + endpoint.authToken());
    }

    /** Straight at a server's gRPC port: plaintext, no token (nothing checks one there). */
    static SparkSession direct(int grpcPort)
    {
        return connect("sc://127.0.0.1:" + grpcPort);
    }

    /** {@code SELECT 1}, checked, so that a wrong answer is never timed as a right one. */
    static void selectOne(SparkSession spark)
    {
        List<Row> rows = spark.sql("SELECT 1").collectAsList();
        if (rows.size() != 1 || rows.get(0).getInt(0) != 1) {
            throw new IllegalStateException("SELECT 1 answered " + rows);
        }
    }

    /** Connection strings hold the token: never print one. */
    private static SparkSession connect(String connection)
    {
        return SparkSession.builder().remote(connection).create();
    }
}
