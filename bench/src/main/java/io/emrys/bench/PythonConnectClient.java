package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The PySpark Connect client ({@code pyspark-client} in the project's {@code .venv-spark-4.0}), one process per run,
 * running {@code pyspark_connect_client.py}: started and awaited until it has imported boto3 and pyspark and made its
 * boto3 client (the start of the Python process, kept apart as {@link #startups}, as the JVM client's classes are
 * loaded before its measured runs), then cued: against an Emrys session it runs AWS's documented boto3 flow with the
 * profile the server wrote ({@code <data>/aws/config}, {@code credentials}) and trusts the gateway's CA
 * ({@code GRPC_DEFAULT_SSL_ROOTS_FILE_PATH}); against a raw server it connects straight to the port.
 */
final class PythonConnectClient
        implements EmrysSessionRunner.Client, RawConnectServer.DirectClient
{
    static final String SCRIPT = "pyspark_connect_client.py";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RESULT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    private final Path python;
    private final Path script;
    private final Path dataDir;
    private final Path scratch;
    private final List<Long> startups = new ArrayList<>();
    private int runs;

    /**
     * @param python the environment's interpreter ({@code .venv-spark-4.0/bin/python})
     * @param dataDir the server's data folder: its AWS profile files and its gateway's CA
     */
    PythonConnectClient(Path python, Path dataDir, Path scratch)
    {
        this.python = requireNonNull(python, "python is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException("The Spark 4.0 Python environment is missing (" + python + "). Create it first: ./emrys venv");
        }
        try {
            Files.createDirectories(scratch);
            this.script = BenchResources.copy(SCRIPT, scratch);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Milliseconds from each client process's start to its READY, in run order. */
    List<Long> startups()
    {
        return List.copyOf(startups);
    }

    /** The client's command line, for the report. */
    List<String> command()
    {
        return List.of(python.toString(), SCRIPT, "'<spark-defaults JSON>'");
    }

    @Override
    public EmrysSessionRunner.Timings firstResult(String applicationId, Map<String, String> sparkDefaults)
            throws IOException, InterruptedException
    {
        try (Running client = start(sparkDefaults)) {
            JsonNode figures = client.cue("emrys " + applicationId);
            return new EmrysSessionRunner.Timings(figures.path("sessionId").asText(), figures.path("totalMillis").asLong(),
                    figures.path("submitToIdleMillis").asLong(), figures.path("idleToResultMillis").asLong(), figures.path("firstQueryMillis").asLong());
        }
    }

    @Override
    public Ready prepare()
            throws IOException, InterruptedException
    {
        Running client = start(Map.of());
        return new Ready()
        {
            @Override
            public long firstResult(int port)
                    throws IOException, InterruptedException
            {
                return client.cue("raw " + port).path("firstQueryMillis").asLong();
            }

            @Override
            public void close()
                    throws InterruptedException
            {
                client.close();
            }
        };
    }

    private Running start(Map<String, String> sparkDefaults)
            throws IOException, InterruptedException
    {
        Path dir = Files.createDirectories(scratch.resolve("client-" + runs++));
        ProcessBuilder builder = new ProcessBuilder(python.toString(), script.toString(), JSON.writeValueAsString(sparkDefaults))
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SPARK_") || name.startsWith("PYSPARK") || name.startsWith("PYTHON"));
        environment.put("AWS_CONFIG_FILE", dataDir.resolve("aws/config").toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", dataDir.resolve("aws/credentials").toString());
        environment.put("AWS_PROFILE", "emrys");
        environment.put("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH", dataDir.resolve("tls/ca.pem").toString());
        long start = System.nanoTime();
        Running running = new Running(builder.start(), dir);
        try {
            running.await("READY", READY_TIMEOUT);
        }
        catch (IOException | RuntimeException e) {
            running.close();
            throw e;
        }
        startups.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return running;
    }

    /** One client process: its stdout read line by line; closing waits (bounded) for it to exit, then kills it. */
    private static final class Running
            implements AutoCloseable
    {
        private final Process process;
        private final Path dir;
        private final BufferedReader stdout;

        Running(Process process, Path dir)
        {
            this.process = process;
            this.dir = dir;
            this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Sends the cue and returns the figures of the {@code RESULT} line, which the client prints right after its checked result. */
        JsonNode cue(String line)
                throws IOException, InterruptedException
        {
            Writer stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            stdin.write(line + "\n");
            stdin.flush();
            return JSON.readTree(await("RESULT ", RESULT_TIMEOUT).substring("RESULT ".length()));
        }

        /** The first stdout line starting with {@code prefix}; fails when the client exits or the time runs out first. */
        String await(String prefix, Duration timeout)
                throws IOException, InterruptedException
        {
            CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String text = stdout.readLine(); text != null; text = stdout.readLine()) {
                        if (text.startsWith(prefix)) {
                            return text;
                        }
                    }
                    return null;
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                String text = line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (text == null) {
                    throw new IllegalStateException("the PySpark client exited with code " + process.waitFor() + " before " + prefix.strip() + "; see "
                            + dir.resolve("stderr"));
                }
                return text;
            }
            catch (ExecutionException e) {
                throw new IOException("reading the PySpark client's output; see " + dir.resolve("stderr"), e.getCause());
            }
            catch (TimeoutException e) {
                throw new IllegalStateException("the PySpark client printed no " + prefix.strip() + " within " + timeout + "; see " + dir.resolve("stderr"));
            }
        }

        @Override
        public void close()
                throws InterruptedException
        {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
