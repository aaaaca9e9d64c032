package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 or IPv6 CIDR block for IpAddress and NotIpAddress; a bare address is a block of one. Addresses are parsed
 * as literals only: IPv4 by hand, IPv6 (anything with a colon) by {@link InetAddress}, which never resolves a name
 * that contains a colon, so no policy or request value can cause a DNS lookup.
 */
final class IpRange
{
    private final String text;
    private final byte[] network;
    private final int prefixLength;

    private IpRange(String text, byte[] network, int prefixLength)
    {
        this.text = requireNonNull(text, "text is null");
        this.network = requireNonNull(network, "network is null");
        this.prefixLength = prefixLength;
    }

    static Optional<IpRange> parse(String cidr)
    {
        int slash = cidr.indexOf('/');
        Optional<byte[]> address = parseAddress(slash < 0 ? cidr : cidr.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = cidr.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(digits);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(cidr, address.get(), prefix));
    }

    boolean contains(String address)
    {
        Optional<byte[]> parsed = parseAddress(address);
        if (parsed.isEmpty() || parsed.get().length != network.length) {
            return false;
        }
        byte[] candidate = parsed.get();
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    static Optional<byte[]> parseAddress(String text)
    {
        if (text.indexOf(':') >= 0) {
            if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName(text).getAddress());
            }
            catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) octet;
        }
        return Optional.of(bytes);
    }

    @Override
    public String toString()
    {
        return text;
    }
}
