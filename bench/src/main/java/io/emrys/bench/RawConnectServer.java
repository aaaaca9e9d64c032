package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.connect.ConnectServerLaunchRequest;
import io.emrys.compute.connect.ConnectServerPlanner;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.runtime.SparkRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.connect.SparkSession;

/**
 * A Spark Connect server started the way a user would without Emrys, as Spark's {@code sbin/start-connect-server.sh}
 * does: {@code java <JVM options> -cp '<runtime>/jars/*' org.apache.spark.deploy.SparkSubmit --master local[N]
 * --class SparkConnectServer spark-internal}, from the same runtime folder, on loopback and a free port. The JVM
 * options are the ones Emrys gives its Connect servers ({@link ConnectServerPlanner}, minus the per-session temp
 * and log4j2 paths, and without Emrys's class-data archive), so both sides run the same JVM with the same heap.
 */
final class RawConnectServer
{
    private static final long PROBE_MILLIS = 50;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final String PORT_PLACEHOLDER = "<free port>";

    private final SparkRuntime runtime;
    private final int cores;
    private final MemorySize memory;
    private final Path scratch;
    private final Optional<DirectClient> client;

    /**
     * A client outside the harness's JVM (the PySpark one). It is made ready before the server starts (its own start
     * is not what a raw server costs), then told the port once the port accepts.
     */
    interface DirectClient
    {
        Ready prepare()
                throws IOException, InterruptedException;

        interface Ready
                extends AutoCloseable
        {
            /** Connects straight to the port and returns once the checked {@code SELECT 1} result is there; returns the query's own milliseconds. */
            long firstResult(int port)
                    throws IOException, InterruptedException;

            @Override
            void close()
                    throws InterruptedException;
        }
    }

    RawConnectServer(SparkRuntime runtime, int cores, MemorySize memory, Path scratch)
    {
        this(runtime, cores, memory, scratch, Optional.empty());
    }

    /** @param client the client of {@link #coldRun}; empty: the Spark Connect JVM client in the harness */
    RawConnectServer(SparkRuntime runtime, int cores, MemorySize memory, Path scratch, Optional<DirectClient> client)
    {
        this.client = requireNonNull(client, "client is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.cores = cores;
        this.memory = requireNonNull(memory, "memory is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    /**
     * @param totalMillis from the process start to the result of {@code SELECT 1} over a direct client
     * @param portOpenMillis until the gRPC port first accepted a TCP connection (probed every 50 ms)
     * @param firstQueryMillis the {@code SELECT 1} alone (the first query of a fresh server)
     * @param rssKb the server JVM's VmRSS right after the first result
     */
    record Sample(long totalMillis, long portOpenMillis, long firstQueryMillis, OptionalLong rssKb)
    {
        Sample
        {
            requireNonNull(rssKb, "rssKb is null");
        }
    }

    /** The command line, for the report (the port is chosen per run). */
    List<String> command()
    {
        return command(PORT_PLACEHOLDER);
    }

    /** Starts a server, connects the client straight to it until {@code SELECT 1} returns, and stops the server. */
    Sample coldRun(int index)
            throws IOException, InterruptedException
    {
        Path dir = Files.createDirectories(scratch.resolve("raw-connect-" + index));
        int port = freeLoopbackPort();
        ProcessBuilder builder = new ProcessBuilder(command(Integer.toString(port)))
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(plan("0").environment());

        Optional<DirectClient.Ready> ready = client.isPresent() ? Optional.of(client.get().prepare()) : Optional.empty();
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("raw Spark Connect server exited with code " + process.exitValue() + "; see " + dir.resolve("stderr"));
                }
                if (System.nanoTime() - start > START_TIMEOUT.toNanos()) {
                    throw new IllegalStateException("raw Spark Connect server did not open its port within " + START_TIMEOUT + "; see " + dir.resolve("stderr"));
                }
                Thread.sleep(PROBE_MILLIS);
            }
            long open = System.nanoTime();
            long queryMillis;
            long result;
            if (ready.isPresent()) {
                queryMillis = ready.get().firstResult(port);
                result = System.nanoTime();
            }
            else {
                try (SparkSession spark = ConnectClients.direct(port)) {
                    long query = System.nanoTime();
                    ConnectClients.selectOne(spark);
                    result = System.nanoTime();
                    queryMillis = TimeUnit.NANOSECONDS.toMillis(result - query);
                }
            }
            OptionalLong rss = ProcStatus.of(process.pid()).map(status -> OptionalLong.of(status.rssKb())).orElse(OptionalLong.empty());
            return new Sample(TimeUnit.NANOSECONDS.toMillis(result - start), TimeUnit.NANOSECONDS.toMillis(open - start), queryMillis, rss);
        }
        finally {
            if (ready.isPresent()) {
                ready.get().close();
            }
            stop(process);
        }
    }

    private List<String> command(String port)
    {
        DriverPlan plan = plan(port.equals(PORT_PLACEHOLDER) ? "0" : port);
        List<String> command = new ArrayList<>();
        List<String> java = plan.javaCommand();
        command.add(java.get(0));
        for (String option : java.subList(1, java.indexOf("-cp"))) {
            if (!option.startsWith("-Djava.io.tmpdir=") && !option.startsWith("-Dlog4j2.configurationFile=")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", runtime.classPathWildcard(), "org.apache.spark.deploy.SparkSubmit",
                "--master", "local[" + cores + "]",
                "--driver-memory", memory.toSparkString(),
                "--driver-cores", Integer.toString(cores),
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.connect.grpc.binding.address=127.0.0.1",
                "--conf", "spark.connect.grpc.binding.port=" + port,
                "--class", ConnectServerPlanner.SERVER_CLASS,
                "spark-internal"));
        return command;
    }

    /** Emrys's own plan for a Connect server of these resources: the source of the JVM options and environment. */
    private DriverPlan plan(String port)
    {
        ConnectServerPlanner planner = new ConnectServerPlanner(DriverLauncherConfig.defaults().withDefaultDriverResources(cores, memory));
        ConnectServerLaunchRequest request = new ConnectServerLaunchRequest("raw", runtime, SparkConfiguration.EMPTY, scratch,
                scratch.resolve("events").toString(), "/raw", Map.of());
        // only the plan's JVM options and environment are used: the raw server's own command line has no Connect secret
        DriverLaunchRequest driverRequest = planner.driverRequest(request, Integer.parseInt(port), io.emrys.common.ConnectSecret.random());
        return planner.plan(driverRequest, 0);
    }

    private static void stop(Process process)
            throws InterruptedException
    {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static boolean accepts(int port)
    {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort()
    {
        // Another process may take the port before Spark binds it; the server then exits and the run reports it.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
