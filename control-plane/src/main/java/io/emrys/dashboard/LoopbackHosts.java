package io.emrys.dashboard;

import java.util.Locale;

/** Whether a request's Host names this machine's loopback interface, the only address the dashboards listen on. */
final class LoopbackHosts
{
    private LoopbackHosts() {}

    /** @param authority the Host header: {@code 127.0.0.1:9700}, {@code localhost}, {@code [::1]:9700}, ... */
    static boolean isLoopback(String authority)
    {
        String host = authority.toLowerCase(Locale.ROOT).trim();
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 && host.substring(1, end).equals("::1");
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}");
    }
}
