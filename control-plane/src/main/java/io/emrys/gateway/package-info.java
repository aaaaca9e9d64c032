/**
 * The Spark Connect gateway: one TLS endpoint on {@code 127.0.0.1} through which every interactive session's Spark
 * Connect driver is reached, with a per-session, time-limited token.
 *
 * <h2>Starting points</h2>
 * <ul>
 * <li>{@link io.emrys.gateway.ConnectGateway#start}: the gateway (its own Armeria server). The session service
 * supplies {@link io.emrys.gateway.SessionTokens} (token to {@link io.emrys.gateway.SessionTarget}: session id,
 * driver port and the driver's secret) and a {@link io.emrys.gateway.SessionActivity} ({@link io.emrys.gateway.BusyIdleTracker} turns calls
 * into BUSY/IDLE).</li>
 * <li>{@link io.emrys.gateway.ConnectProxyService}: the per-call path. Token from {@code x-aws-proxy-auth} or
 * {@code authorization: Bearer} ({@link io.emrys.gateway.TokenHeaders}); unknown, expired or another session's token:
 * gRPC UNAUTHENTICATED (HTTP 200, trailers-only {@code grpc-status: 16}) and no driver is contacted; otherwise the
 * client's credentials are replaced by the driver's own secret ({@code authorization: Bearer SECRET}, which the driver
 * requires of every call, so that no local user can skip the gateway) and the call streams both ways to
 * {@code h2c://127.0.0.1:<driver port>}, no timeouts, no size caps.</li>
 * <li>{@link io.emrys.gateway.TokenHasher}: SHA-256 hex and constant-time comparison for the session service, which
 * owns the tokens (random, stored as hashes, 1 h expiry).</li>
 * <li>{@link io.emrys.gateway.GatewayEndpoint}: what GetSessionEndpoint returns as {@code endpoint}:
 * {@code sc://HOST:PORT/;use_ssl=true;x-emrys-session-id=SESSION}; a client appends
 * {@code ;x-aws-proxy-auth=TOKEN} (or {@code ;token=TOKEN}) and connects.</li>
 * </ul>
 *
 * <h2>TLS and how a user trusts the gateway</h2>
 * On first start {@link io.emrys.gateway.GatewayCertificates} creates a local CA and a server certificate (SAN
 * {@code localhost}, {@code 127.0.0.1} and the advertised host) in the TLS folder, such as {@code <data>/tls/}, and
 * reuses them afterwards; {@link io.emrys.gateway.GatewayTls} lists the files. Clients trust the CA, not the server
 * certificate, so renewing the latter changes nothing for them:
 * <ul>
 * <li>JVM clients (Spark Connect Scala/Java client): {@code -Djavax.net.ssl.trustStore=<data>/tls/truststore.p12
 * -Djavax.net.ssl.trustStorePassword=emrys-gateway -Djavax.net.ssl.trustStoreType=PKCS12}. Note that this replaces the
 * JVM's default CAs for that process. The client also needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED}.</li>
 * <li>PySpark and other gRPC C-core clients: {@code GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=<data>/tls/ca.pem}.</li>
 * <li>Anything else (curl, OpenSSL, a system trust store): {@code <data>/tls/ca.pem}.</li>
 * </ul>
 * A plaintext (h2c) gateway is available for loopback-only setups ({@link io.emrys.gateway.GatewayConfig#plaintext});
 * there the Spark Connect clients send {@code token=} only when the host is {@code localhost}.
 * <p>Layering: may use nothing of the control plane above it; the server wires it to sessions through small interfaces (held by {@code io.emrys.ArchitectureTest}).
 */
package io.emrys.gateway;
