package io.emrys.compute.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The TCP sockets a process listens on, from Linux's {@code /proc}: which addresses a server really bound. */
public final class ListeningSockets
{
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    public record Listener(String hexAddress, int port)
    {
        /** 127.0.0.1, written as IPv4 or as the IPv4-mapped IPv6 address a dual-stack Java socket uses. */
        public boolean isIpv4Loopback()
        {
            return hexAddress.equals("0100007F") || hexAddress.equals("0000000000000000FFFF00000100007F");
        }
    }

    public static List<Listener> of(long pid)
            throws IOException
    {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                }
                catch (IOException e) {
                    // The descriptor was closed while we listed them.
                }
            }
        }
        List<Listener> listeners = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    String[] local = fields[1].split(":");
                    listeners.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return listeners;
    }
}
