package io.emrys.gateway;

import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.runtime.ProjectRoot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real Spark Connect server (Spark 4.0.1 from the emr-spark-8.0 runtime) as a child JVM bound to 127.0.0.1: what
 * the session launcher starts for each session. Its conf comes from {@code -Dspark.*} system properties, which
 * SparkConnectServer's SparkConf reads.
 */
final class SparkConnectServerProcess
        implements AutoCloseable
{
    private static final String STARTED = "Spark Connect server started at";

    private final Process process;
    private final Path log;
    private final int port;

    private SparkConnectServerProcess(Process process, Path log, int port)
    {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static SparkConnectServerProcess start(Path workDirectory, Duration timeout)
    {
        Path jars = ProjectRoot.find(Path.of("")).resolve("runtimes/spark-4.0/target/spark-4.0.1/jars");
        if (!Files.isDirectory(jars)) {
            fail("The Spark runtime is not built (%s is missing). Build it first: mvn -f runtimes/spark-4.0/pom.xml package", jars);
        }
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.add("-Xmx1g");
        command.add("-Dspark.master=local[1]");
        command.add("-Dspark.app.name=emrys-gateway-test");
        command.add("-Dspark.ui.enabled=false");
        command.add("-Dspark.driver.host=127.0.0.1");
        command.add("-Dspark.driver.bindAddress=127.0.0.1");
        command.add("-Dspark.connect.grpc.binding.address=127.0.0.1");
        command.add("-Dspark.connect.grpc.binding.port=" + port);
        command.add("-Dspark.local.dir=" + workDirectory.resolve("local"));
        command.add("-Dspark.sql.warehouse.dir=" + workDirectory.resolve("warehouse"));
        command.add("-cp");
        command.add(jars + "/*");
        command.add("org.apache.spark.sql.connect.service.SparkConnectServer");
        Path log = workDirectory.resolve("spark-connect-server.log");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(workDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            SparkConnectServerProcess server = new SparkConnectServerProcess(process, log, port);
            server.awaitStarted(timeout);
            return server;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port()
    {
        return port;
    }

    private void awaitStarted(Duration timeout)
            throws IOException
    {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains(STARTED)) {
                return;
            }
            if (!process.isAlive()) {
                fail("The Spark Connect server exited with %d:%n%s", process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
            }
            sleep(200);
        }
        close();
        fail("The Spark Connect server did not start within %s:%n%s", timeout, Files.readString(log, StandardCharsets.UTF_8));
    }

    @Override
    public void close()
    {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freeLoopbackPort()
    {
        // A small race (another process may take the port before Spark binds it); Spark then fails to start and the
        // test reports its log.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
