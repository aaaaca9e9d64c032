package io.emrys.gateway;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The Spark Connect gateway: one address for every session's Spark Connect driver. It runs its own Armeria server on
 * {@code 127.0.0.1} (TLS unless configured otherwise), checks the token of every call with {@link SessionTokens},
 * and forwards the call to that session's driver ({@link ConnectProxyService}). Start it with {@link #start}, stop it
 * with {@link #close}.
 */
public final class ConnectGateway
        implements AutoCloseable
{
    private static final int FLOW_CONTROL_WINDOW = 16 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(ConnectGateway.class);
    /** Spark's error trailers carry class names and messages; Netty's 8 KiB default header limit is too tight. */
    private static final long MAX_HEADER_LIST_SIZE = 64 * 1024;

    private final Server server;
    private final ClientFactory clientFactory;
    private final GatewayConfig config;
    private final Optional<GatewayTls> tls;

    private ConnectGateway(Server server, ClientFactory clientFactory, GatewayConfig config, Optional<GatewayTls> tls)
    {
        this.server = server;
        this.clientFactory = clientFactory;
        this.config = config;
        this.tls = tls;
    }

    /**
     * Prepares the TLS files (first start) and starts listening; returns once the port is bound.
     *
     * @param clock decides certificate validity (issue dates, renewal)
     */
    public static ConnectGateway start(GatewayConfig config, SessionTokens tokens, SessionActivity activity, Clock clock)
    {
        requireNonNull(config, "config is null");
        requireNonNull(tokens, "tokens is null");
        requireNonNull(activity, "activity is null");
        requireNonNull(clock, "clock is null");
        // TLS files first: if they cannot be made, nothing has been started that would need closing.
        Optional<GatewayCertificates.ServerIdentity> identity = config.tlsDirectory()
                .map(directory -> new GatewayCertificates(clock).ensure(directory, certificateHosts(config)));
        ClientFactory clientFactory = ClientFactory.builder()
                .http2MaxHeaderListSize(MAX_HEADER_LIST_SIZE)
                // large flow-control windows on both legs, so a result stream is not throttled by window updates
                .http2InitialConnectionWindowSize(FLOW_CONTROL_WINDOW)
                .http2InitialStreamWindowSize(FLOW_CONTROL_WINDOW)
                .build();
        ServerBuilder builder = Server.builder()
                .port(new InetSocketAddress(loopback(config.bindAddress()), config.port()), config.isTls() ? SessionProtocol.HTTPS : SessionProtocol.HTTP)
                // Calls stream for as long as a query runs and may carry gigabytes: no timeout, no size cap.
                .requestTimeoutMillis(0)
                .maxRequestLength(0)
                .http2MaxHeaderListSize(MAX_HEADER_LIST_SIZE)
                .http2InitialConnectionWindowSize(FLOW_CONTROL_WINDOW)
                .http2InitialStreamWindowSize(FLOW_CONTROL_WINDOW)
                // Clients keep one channel open for a whole session with long pauses between queries; closing it
                // after Armeria's 15 s default would make them reconnect (and redo TLS) for nearly every query.
                .idleTimeout(Duration.ofMinutes(10))
                // The drivers behind the gateway stop with the control plane anyway; don't hold shutdown for streams.
                .gracefulShutdownTimeoutMillis(0, 1000)
                .serviceUnder("/", new ConnectProxyService(tokens, activity, clientFactory));
        identity.ifPresent(serverIdentity -> builder.tls(serverIdentity.key(), serverIdentity.chain()));
        Optional<GatewayTls> tls = identity.map(GatewayCertificates.ServerIdentity::files);
        Server server = builder.build();
        try {
            server.start().join();
        }
        catch (RuntimeException e) {
            clientFactory.close();
            throw e;
        }
        ConnectGateway gateway = new ConnectGateway(server, clientFactory, config, tls);
        log.info("Spark Connect gateway listening on {}{}", gateway.endpoint(), tls.map(files -> " (clients trust " + files.caCertificate() + ")").orElse(""));
        return gateway;
    }

    /** The gateway's address: {@code https://<advertised host>:<port>} ({@code http://} when plaintext). */
    public URI endpoint()
    {
        return userEndpoint().uri();
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port()
    {
        return server.activeLocalPort();
    }

    /** The gateway as users reach it: builds GetSessionEndpoint's {@code endpoint} and full connection strings. */
    public GatewayEndpoint userEndpoint()
    {
        return new GatewayEndpoint(config.advertisedHost(), port(), config.isTls());
    }

    /** The TLS files (CA certificate, trust store, ...); empty for a plaintext gateway. */
    public Optional<GatewayTls> tls()
    {
        return tls;
    }

    @Override
    public void close()
    {
        try {
            server.stop().join();
        }
        finally {
            clientFactory.close();
        }
    }

    private static Set<String> certificateHosts(GatewayConfig config)
    {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        hosts.add(config.bindAddress());
        hosts.add(config.advertisedHost());
        return hosts;
    }

    private static InetAddress loopback(String address)
    {
        try {
            // Not InetAddress.getLoopbackAddress(): that may be ::1, and Emrys binds one IPv4 loopback address only.
            // getByAddress, not getByName: the literal is parsed here, never looked up.
            String[] parts = address.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return InetAddress.getByAddress(address, bytes);
        }
        catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
