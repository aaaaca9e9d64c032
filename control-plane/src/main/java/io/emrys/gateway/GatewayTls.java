package io.emrys.gateway;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The gateway's TLS files, all in one folder (such as {@code <data>/tls/}), made on first start and reused after:
 *
 * <ul>
 * <li>{@code ca.pem}: the certificate of the local CA that issued the gateway's certificate. This is what a client
 * trusts; give it to non-JVM clients (PySpark: {@code GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=<dir>/ca.pem}).</li>
 * <li>{@code ca-key.pem}: the CA's private key (PKCS#8 PEM, owner-only). It never leaves the folder; it is kept only
 * to issue a new server certificate when the old one nears its end or a new host name is configured.</li>
 * <li>{@code server.pem}: the gateway's certificate followed by the CA's (SAN {@code localhost}, {@code 127.0.0.1}
 * and the configured advertised host).</li>
 * <li>{@code server-key.pem}: its private key (PKCS#8 PEM, owner-only).</li>
 * <li>{@code truststore.p12}: a PKCS12 trust store holding the CA certificate, password {@value #TRUSTSTORE_PASSWORD},
 * for JVM clients: {@code -Djavax.net.ssl.trustStore=<dir>/truststore.p12 -Djavax.net.ssl.trustStorePassword=}{@value #TRUSTSTORE_PASSWORD}
 * {@code -Djavax.net.ssl.trustStoreType=PKCS12}. The password guards nothing secret (the store holds one public
 * certificate); it is fixed because Java needs one to check the file's integrity.</li>
 * </ul>
 */
public record GatewayTls(Path caCertificate, Path caKey, Path serverCertificateChain, Path serverKey, Path truststore)
{
    public static final String TRUSTSTORE_PASSWORD = "emrys-gateway";
    public static final String TRUSTSTORE_TYPE = "PKCS12";

    public GatewayTls
    {
        requireNonNull(caCertificate, "caCertificate is null");
        requireNonNull(caKey, "caKey is null");
        requireNonNull(serverCertificateChain, "serverCertificateChain is null");
        requireNonNull(serverKey, "serverKey is null");
        requireNonNull(truststore, "truststore is null");
    }

    /** The files' places in {@code directory}. */
    public static GatewayTls in(Path directory)
    {
        requireNonNull(directory, "directory is null");
        return new GatewayTls(
                directory.resolve("ca.pem"),
                directory.resolve("ca-key.pem"),
                directory.resolve("server.pem"),
                directory.resolve("server-key.pem"),
                directory.resolve("truststore.p12"));
    }
}
