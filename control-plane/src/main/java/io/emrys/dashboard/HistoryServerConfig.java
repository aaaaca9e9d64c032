package io.emrys.dashboard;

import java.nio.file.Path;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the Spark History Server child JVM.
 *
 * @param javaExecutable the {@code java} that runs it (drivers use the same)
 * @param home a folder Emrys owns, such as {@code <data-dir>/spark-history}: event logs are copied to
 *        {@code home/event-logs}, the server's own output goes to {@code home/history-server.log}
 * @param heap the server's {@code -Xmx}, such as {@code 512m}; it holds the UIs of recently opened runs
 * @param updateInterval {@code spark.history.fs.update.interval}: how often the server scans for new logs
 * @param startTimeout how long to wait for a starting server to answer its REST API
 * @param listingTimeout how long to wait for a copied event log to be listed by the server
 */
public record HistoryServerConfig(Path javaExecutable, Path home, String heap, Duration updateInterval, Duration startTimeout, Duration listingTimeout)
{
    public HistoryServerConfig
    {
        requireNonNull(javaExecutable, "javaExecutable is null");
        home = requireNonNull(home, "home is null").toAbsolutePath().normalize();
        requireNonNull(heap, "heap is null");
        requireNonNull(updateInterval, "updateInterval is null");
        requireNonNull(startTimeout, "startTimeout is null");
        requireNonNull(listingTimeout, "listingTimeout is null");
        if (updateInterval.toMillis() < 100) {
            throw new IllegalArgumentException("updateInterval must be at least 100 ms: " + updateInterval);
        }
    }

    /** The control plane's own {@code java}, a 512 MiB heap, a 2 s scan interval, 90 s to start and 60 s to list. */
    public static HistoryServerConfig defaults(Path home)
    {
        return new HistoryServerConfig(Path.of(System.getProperty("java.home"), "bin", "java"), home, "512m",
                Duration.ofSeconds(2), Duration.ofSeconds(90), Duration.ofSeconds(60));
    }

    /** {@code spark.history.fs.logDirectory}: only Emrys writes here, one copied log per ended run. */
    public Path eventLogDirectory()
    {
        return home.resolve("event-logs");
    }

    /** The folder as a {@code file:} URI, the same whether or not the folder exists yet (no trailing slash). */
    public String eventLogDirectoryUri()
    {
        String uri = eventLogDirectory().toUri().toString();
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    public Path logFile()
    {
        return home.resolve("history-server.log");
    }

    /** Lets a restarted control plane stop a server its predecessor left behind. */
    public Path pidFile()
    {
        return home.resolve("history-server.pid");
    }

    public Path tmp()
    {
        return home.resolve("tmp");
    }
}
