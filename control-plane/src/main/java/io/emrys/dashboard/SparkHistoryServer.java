package io.emrys.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.compute.runtime.SparkRuntime;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One Spark History Server child JVM ({@code org.apache.spark.deploy.history.HistoryServer} from a runtime folder),
 * started on first use, bound to a free loopback port, reading event logs from a folder only Emrys writes to.
 * {@link #publish} copies an ended run's event log there and completes once the server lists the application.
 *
 * <p>The server's {@code spark.ui.proxyBase} is {@code /dashboard/spark-history}, so every link it generates comes
 * back through {@link DashboardService}. A server that dies is started again on the next request.
 *
 * <p>Threading: starting, copying and polling block, so they run on a small daemon pool, never on Armeria's event
 * loops; {@code lock} guards which start attempt is current.
 */
public final class SparkHistoryServer
        implements AutoCloseable
{
    static final String LOOPBACK = "127.0.0.1";
    private static final Duration POLL = Duration.ofMillis(200);

    private final HistoryServerConfig config;
    private final Supplier<SparkRuntime> runtime;
    private final ExecutorService executor;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final Object lock = new Object();
    private CompletableFuture<Started> current;
    /** The newest server process, from the moment it is started, so close() stops it even while it is starting. */
    private Process process;
    private boolean closed;

    /** @param runtime the Spark runtime whose jars run the server; resolved on first use, not at construction */
    public SparkHistoryServer(HistoryServerConfig config, Supplier<SparkRuntime> runtime)
    {
        this.config = requireNonNull(config, "config is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "emrys-history-server");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(executor).build();
    }

    /** The loopback port of a running server, starting one first if none runs. */
    public CompletableFuture<Integer> port()
    {
        return started().thenApply(Started::port);
    }

    /**
     * Copies {@code log} into the server's log folder (unless already there) and completes once the server lists
     * its application. Fails when the server cannot start or does not list the log within the listing timeout.
     */
    public CompletableFuture<HistoryApplication> publish(EventLog log)
    {
        requireNonNull(log, "log is null");
        return started().thenApplyAsync(started -> {
            log.copyInto(config.eventLogDirectory());
            return awaitListed(started, log.applicationId());
        }, executor);
    }

    @Override
    public void close()
    {
        Process last;
        synchronized (lock) {
            closed = true;
            last = process;
        }
        executor.shutdownNow();
        if (last != null) {
            stop(last);
        }
    }

    private CompletableFuture<Started> started()
    {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("The Spark History Server is closed"));
            }
            boolean reusable = current != null
                    && (!current.isDone() || (!current.isCompletedExceptionally() && current.join().process().isAlive()));
            if (!reusable) {
                current = CompletableFuture.supplyAsync(this::start, executor);
            }
            return current;
        }
    }

    private Started start()
    {
        try {
            stopLeftover();
            Files.createDirectories(config.eventLogDirectory());
            Files.createDirectories(config.tmp());
            int port = freeLoopbackPort();
            SparkRuntime spark = runtime.get();
            ProcessBuilder builder = new ProcessBuilder(HistoryServerCommand.command(config, spark, port))
                    .directory(config.home().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(config.logFile().toFile()));
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(name -> name.startsWith("AWS_"));
            // Spark's web UIs bind to SPARK_LOCAL_IP, and to all interfaces without it.
            environment.put("SPARK_LOCAL_IP", LOOPBACK);
            environment.put("SPARK_HOME", spark.home().toString());
            Process started = builder.start();
            synchronized (lock) {
                process = started;
                if (closed) {
                    stop(started);
                    throw new IllegalStateException("The Spark History Server was closed while starting");
                }
            }
            Files.writeString(config.pidFile(), Long.toString(started.pid()), StandardCharsets.US_ASCII);
            try {
                awaitUp(new Started(started, port));
            }
            catch (RuntimeException e) {
                stop(started);
                throw e;
            }
            return new Started(started, port);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not start the Spark History Server: " + e.getMessage(), e);
        }
    }

    private void awaitUp(Started started)
    {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        while (true) {
            if (!started.process().isAlive()) {
                throw new IllegalStateException("The Spark History Server exited with status %d while starting; see %s. Last output: %s"
                        .formatted(started.process().exitValue(), config.logFile(), tail(config.logFile())));
            }
            if (get(started, "/api/v1/applications?limit=1").map(response -> response.statusCode() == 200).orElse(false)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Spark History Server did not answer within %s; see %s".formatted(config.startTimeout(), config.logFile()));
            }
            sleep(POLL);
        }
    }

    private HistoryApplication awaitListed(Started started, String applicationId)
    {
        long deadline = System.nanoTime() + config.listingTimeout().toNanos();
        while (true) {
            Optional<HttpResponse<String>> response = get(started, "/api/v1/applications/" + applicationId);
            if (response.isPresent() && response.get().statusCode() == 200) {
                return application(applicationId, response.get().body());
            }
            if (!started.process().isAlive()) {
                throw new IllegalStateException("The Spark History Server exited; see " + config.logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The Spark History Server did not list application %s within %s; see %s"
                        .formatted(applicationId, config.listingTimeout(), config.logFile()));
            }
            sleep(POLL);
        }
    }

    private HistoryApplication application(String applicationId, String body)
    {
        try {
            JsonNode attempts = json.readTree(body).path("attempts");
            Optional<String> attemptId = attempts.isArray() && !attempts.isEmpty() && attempts.get(0).hasNonNull("attemptId")
                    ? Optional.of(attempts.get(0).get("attemptId").asText())
                    : Optional.empty();
            return new HistoryApplication(applicationId, attemptId);
        }
        catch (IOException e) {
            throw new UncheckedIOException("The Spark History Server answered an unreadable application: " + body, e);
        }
    }

    private Optional<HttpResponse<String>> get(Started started, String pathAndQuery)
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + started.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        catch (IOException e) {
            // Not up yet (refused, or reset while Jetty starts) or briefly unresponsive: the caller polls again.
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while talking to the Spark History Server"));
        }
    }

    /** A server left behind by a control plane that was killed is stopped, if it really is ours (its command names our folder). */
    private void stopLeftover()
    {
        try {
            if (!Files.isRegularFile(config.pidFile())) {
                return;
            }
            long pid = Long.parseLong(Files.readString(config.pidFile(), StandardCharsets.US_ASCII).strip());
            String marker = "-Dspark.history.fs.logDirectory=" + config.eventLogDirectoryUri();
            ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().commandLine().map(line -> line.contains(marker)).orElse(false)
                            || handle.info().arguments().map(arguments -> List.of(arguments).contains(marker)).orElse(false))
                    .ifPresent(SparkHistoryServer::stop);
        }
        catch (IOException | NumberFormatException e) {
            // No usable pid file: nothing to stop.
        }
    }

    private static void stop(Process process)
    {
        stop(process.toHandle());
    }

    private static void stop(ProcessHandle process)
    {
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        catch (Exception e) {
            process.destroyForcibly();
        }
    }

    private static String tail(Path file)
    {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
        catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freeLoopbackPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration)
    {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Interrupted while waiting for the Spark History Server"));
        }
    }

    private record Started(Process process, int port)
    {
        Started
        {
            requireNonNull(process, "process is null");
        }
    }
}
