package io.emrys.bench;

import io.emrys.gateway.GatewayTls;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
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

    /** Straight at a raw Spark Connect server's gRPC port: plaintext, no token (nothing checks one there). */
    static SparkSession direct(int grpcPort)
    {
        return connect("sc://127.0.0.1:" + grpcPort);
    }

    /**
     * Straight at an Emrys session driver's gRPC port with the driver's own secret, as the gateway adds it
     * ({@code authorization: Bearer SECRET}); "localhost", because a token elsewhere makes the client insist on TLS.
     */
    static SparkSession directWithSecret(int grpcPort, String secret)
    {
        return connect("sc://localhost:" + grpcPort + "/;token=" + secret);
    }

    /** The secret an Emrys Connect driver requires, from its owner-only properties file (the harness runs as its owner). */
    static String driverSecret(Path workDir)
            throws IOException
    {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(workDir.resolve("spark.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String secret = properties.getProperty("spark.connect.authenticate.token");
        if (secret == null) {
            throw new IllegalStateException("No Spark Connect secret in " + workDir.resolve("spark.properties"));
        }
        return secret;
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
