package io.emrys.gateway;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the gateway listens: on one loopback address only, {@code 127.0.0.1} unless the operator picks another of
 * {@code 127.0.0.0/8} (so that it can have port 443 of an address to itself, as AWS's session clients expect).
 *
 * @param bindAddress the loopback IPv4 address to bind
 * @param port the port to bind; 0 picks a free one (tests)
 * @param tlsDirectory where the CA and server certificate live ({@link GatewayTls}); empty for plaintext HTTP/2,
 *        which is for loopback-only setups: Spark Connect clients then send a {@code token=} only when the host is
 *        {@code localhost}, while {@code x-aws-proxy-auth=} is sent either way
 * @param advertisedHost the host name in the endpoints users get (and in the certificate); {@code localhost} by
 *        default, which every client resolves to this machine and which the certificate always names
 */
public record GatewayConfig(String bindAddress, int port, Optional<Path> tlsDirectory, String advertisedHost)
{
    public static final String DEFAULT_ADVERTISED_HOST = "localhost";
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    public GatewayConfig
    {
        requireNonNull(bindAddress, "bindAddress is null");
        if (!isLoopbackAddress(bindAddress)) {
            throw new IllegalArgumentException("the gateway address must be a loopback IPv4 address (127.0.0.0/8): " + bindAddress);
        }
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
        return new GatewayConfig(DEFAULT_BIND_ADDRESS, port, Optional.of(requireNonNull(tlsDirectory, "tlsDirectory is null")), DEFAULT_ADVERTISED_HOST);
    }

    /** Plaintext HTTP/2 (h2c): for loopback-only setups. */
    public static GatewayConfig plaintext(int port)
    {
        return new GatewayConfig(DEFAULT_BIND_ADDRESS, port, Optional.empty(), DEFAULT_ADVERTISED_HOST);
    }

    public GatewayConfig withAdvertisedHost(String host)
    {
        return new GatewayConfig(bindAddress, port, tlsDirectory, host);
    }

    /**
     * Listening on {@code address} and advertising it: endpoints and the certificate name the address itself, since
     * {@code localhost} resolves to 127.0.0.1 only.
     */
    public GatewayConfig withAddress(String address)
    {
        return new GatewayConfig(address, port, tlsDirectory, address.equals(DEFAULT_BIND_ADDRESS) ? DEFAULT_ADVERTISED_HOST : address);
    }

    public static boolean isLoopbackAddress(String address)
    {
        return HostNames.isIpLiteral(address) && address.startsWith("127.");
    }

    public boolean isTls()
    {
        return tlsDirectory.isPresent();
    }
}
