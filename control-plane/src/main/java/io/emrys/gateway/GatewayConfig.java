package io.emrys.gateway;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the gateway listens. It always binds {@code 127.0.0.1} only.
 *
 * @param port the port to bind; 0 picks a free one (tests)
 * @param tlsDirectory where the CA and server certificate live ({@link GatewayTls}); empty for plaintext HTTP/2,
 *        which is for loopback-only setups: Spark Connect clients then send a {@code token=} only when the host is
 *        {@code localhost}, while {@code x-aws-proxy-auth=} is sent either way
 * @param advertisedHost the host name in the endpoints users get (and in the certificate); {@code localhost} by
 *        default, which every client resolves to this machine and which the certificate always names
 */
public record GatewayConfig(int port, Optional<Path> tlsDirectory, String advertisedHost)
{
    public static final String DEFAULT_ADVERTISED_HOST = "localhost";

    public GatewayConfig
    {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        requireNonNull(tlsDirectory, "tlsDirectory is null");
        requireNonNull(advertisedHost, "advertisedHost is null");
        if (!HostNames.isValidHost(advertisedHost)) {
            throw new IllegalArgumentException("advertisedHost must be a DNS name or an IPv4 address: " + advertisedHost);
        }
    }

    /** TLS (the default), with the CA and certificate kept in {@code tlsDirectory}, such as {@code <data>/tls}. */
    public static GatewayConfig tls(int port, Path tlsDirectory)
    {
        return new GatewayConfig(port, Optional.of(requireNonNull(tlsDirectory, "tlsDirectory is null")), DEFAULT_ADVERTISED_HOST);
    }

    /** Plaintext HTTP/2 (h2c): for loopback-only setups. */
    public static GatewayConfig plaintext(int port)
    {
        return new GatewayConfig(port, Optional.empty(), DEFAULT_ADVERTISED_HOST);
    }

    public GatewayConfig withAdvertisedHost(String host)
    {
        return new GatewayConfig(port, tlsDirectory, host);
    }

    public boolean isTls()
    {
        return tlsDirectory.isPresent();
    }
}
