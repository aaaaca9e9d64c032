package io.emrys.gateway;

import java.util.regex.Pattern;

/** Tells IP literals from DNS names, without a DNS lookup (InetAddress.getByName would resolve a name). */
final class HostNames
{
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private HostNames() {}

    static boolean isIpLiteral(String host)
    {
        return IPV4.matcher(host).matches();
    }

    /** A DNS name or an IPv4 literal: what the gateway can advertise and put in its certificate. */
    static boolean isValidHost(String host)
    {
        return IPV4.matcher(host).matches() || DNS_NAME.matcher(host).matches();
    }
}
