package io.emrys.compute.nodes;

import static java.util.Objects.requireNonNull;

import io.emrys.common.OwnerOnlyFiles;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's processes as JVMs on this machine, each started from the release's runtime folder with Spark's own
 * {@code Master}, {@code Worker} and {@code SparkSubmit} classes, bound to loopback. Nodes detach from the control
 * plane's lifetime only as far as their output goes (files); a node whose control plane is gone is not re-adopted.
 */
public final class LocalClusterNodes
        implements ClusterNodes
{
    static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    private static final String LOOPBACK = "127.0.0.1";
    /** Heap of a master or worker daemon: Spark's own default (1g) is for real machines; these only schedule. */
    private static final String DAEMON_HEAP = "-Xmx256m";
    private static final String DEFAULT_DRIVER_MEMORY = "512m";
    private static final Pattern MASTER_STARTED = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Pattern WORKER_REGISTERED = Pattern.compile("Successfully registered with master (spark://\\S+)");

    private final Path javaExecutable;
    private final SecureRandom random = new SecureRandom();

    public LocalClusterNodes(Path javaExecutable)
    {
        this.javaExecutable = requireNonNull(javaExecutable, "javaExecutable is null");
    }

    @Override
    public Path writeClusterSecret(Path clusterDir)
    {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spark.authenticate", "true");
        properties.put("spark.authenticate.secret", HexFormat.of().formatHex(secret));
        // RPC between the master, workers, drivers and executors AES-encrypted with keys from that secret, as the
        // serverless standalone hosts do
        properties.put("spark.network.crypto.enabled", "true");
        // the legacy RPC submission only; no unauthenticated REST port
        properties.put("spark.master.rest.enabled", "false");
        Path file = clusterDir.resolve("spark-auth.properties");
        writeProperties(file, properties);
        return file;
    }

    @Override
    public NodeProcess startMaster(SparkRuntime runtime, Path nodeDir, Path clusterSecret)
    {
        List<String> command = daemon(runtime, nodeDir, MASTER_CLASS);
        command.addAll(List.of("--host", LOOPBACK, "--port", "0", "--webui-port", "0", "--properties-file", clusterSecret.toString()));
        return start(runtime, nodeDir, command, Map.of(), text -> find(MASTER_STARTED, text));
    }

    @Override
    public NodeProcess startWorker(SparkRuntime runtime, Path nodeDir, Path clusterSecret, String masterUrl, int cores, long memoryMb)
    {
        List<String> command = daemon(runtime, nodeDir, WORKER_CLASS);
        command.addAll(List.of("--host", LOOPBACK, "--port", "0", "--webui-port", "0", "--cores", Integer.toString(cores),
                "--memory", memoryMb + "m", "--work-dir", nodeDir.resolve("work").toString(), "--properties-file", clusterSecret.toString(), masterUrl));
        return start(runtime, nodeDir, command, Map.of(), text -> find(WORKER_REGISTERED, text));
    }

    @Override
    public NodeProcess submitStep(StepLaunch launch)
    {
        Path stepDir = launch.stepDir();
        StepArguments arguments = StepArguments.parse(launch.submitArguments());
        Map<String, String> properties = new LinkedHashMap<>(launch.sparkDefaults());
        properties.putAll(readProperties(launch.clusterSecret()));
        properties.put("spark.master", launch.masterUrl());
        // a step's driver runs on the master instance (see StepArguments for --deploy-mode cluster)
        properties.put("spark.submit.deployMode", "client");
        properties.put("spark.driver.host", LOOPBACK);
        properties.put("spark.driver.bindAddress", LOOPBACK);
        properties.putIfAbsent("spark.executor.cores", Integer.toString(launch.executorCores()));
        properties.putIfAbsent("spark.executor.memory", launch.executorMemoryMb() + "m");
        properties.put("spark.local.dir", stepDir.resolve("local").toString());
        properties.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        launch.hadoopS3a().forEach((key, value) -> properties.put("spark.hadoop." + key, value));
        Path propertiesFile = stepDir.resolve("spark.properties");
        writeProperties(propertiesFile, properties);

        String driverMemory = arguments.driverMemory().or(() -> Optional.ofNullable(launch.sparkDefaults().get("spark.driver.memory")))
                .orElse(DEFAULT_DRIVER_MEMORY);
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add("-Xmx" + MemorySize.parse(driverMemory, "spark.driver.memory").toSparkString());
        command.add("-Djava.io.tmpdir=" + stepDir.resolve("tmp"));
        // paths only (the Hive metastore's Derby home): nothing secret goes on a command line
        new java.util.TreeMap<>(launch.driverSystemProperties()).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.add("-cp");
        command.add(launch.runtime().classPathWildcard());
        command.add(SparkJavaOptions.SPARK_SUBMIT_CLASS);
        command.add("--properties-file");
        command.add(propertiesFile.toString());
        command.addAll(arguments.forClientMode());
        return start(launch.runtime(), stepDir, command, launch.environment(), text -> Optional.of("started"));
    }

    @Override
    public NodeProcess runScript(Path workDir, Path logDir, Path script, List<String> args)
    {
        try {
            OwnerOnlyFiles.createDirectories(workDir);
            OwnerOnlyFiles.createDirectories(logDir);
            List<String> command = new ArrayList<>();
            command.add("bash");
            command.add(script.toString());
            command.addAll(args);
            Path stdout = logDir.resolve("stdout");
            Path stderr = logDir.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            // a fresh environment, not the server's: its AWS keys and anything else it was given stay out of user scripts
            Map<String, String> environment = builder.environment();
            String path = environment.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
            environment.clear();
            environment.put("PATH", path);
            environment.put("HOME", workDir.toString());
            environment.put("LANG", "C.UTF-8");
            return new NodeProcess(builder.start(), stdout, stderr, text -> Optional.of("started"));
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "Could not start a bootstrap action in " + workDir, e);
        }
    }

    private List<String> daemon(SparkRuntime runtime, Path nodeDir, String mainClass)
    {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.add(DAEMON_HEAP);
        command.add("-Djava.io.tmpdir=" + nodeDir.resolve("tmp"));
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.add("-cp");
        command.add(runtime.classPathWildcard());
        command.add(mainClass);
        return command;
    }

    private NodeProcess start(SparkRuntime runtime, Path dir, List<String> command, Map<String, String> extraEnvironment,
            java.util.function.Function<String, Optional<String>> readiness)
    {
        try {
            OwnerOnlyFiles.createDirectories(dir.resolve("tmp"));
            Path stdout = dir.resolve("stdout");
            Path stderr = dir.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            Map<String, String> environment = builder.environment();
            // executors and Python workers inherit this: the operator's AWS credentials must not reach jobs
            environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("SPARK_"));
            environment.put("SPARK_HOME", runtime.home().toString());
            environment.put("SPARK_LOCAL_IP", LOOPBACK);
            // Spark's launcher library (the worker's executor commands) refuses to work without the Scala version
            environment.put("SPARK_SCALA_VERSION", scalaBinaryVersion(runtime));
            Path javaHome = javaExecutable.toAbsolutePath().getParent().getParent();
            if (javaHome != null) {
                environment.put("JAVA_HOME", javaHome.toString());
            }
            environment.putAll(extraEnvironment);
            return new NodeProcess(builder.start(), stdout, stderr, readiness);
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "Could not start a cluster process in " + dir, e);
        }
    }

    static String scalaBinaryVersion(SparkRuntime runtime)
    {
        String version = runtime.releaseLabel().scalaVersion();
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    }

    private static Optional<String> find(Pattern pattern, String text)
    {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Owner-only from its first byte, written aside and moved into place: it holds the cluster's secret. */
    private static void writeProperties(Path file, Map<String, String> values)
    {
        try {
            Properties properties = new Properties();
            properties.putAll(values);
            StringWriter text = new StringWriter();
            properties.store(text, null);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = OwnerOnlyFiles.createTemporaryFile(file.toAbsolutePath().getParent(), "." + file.getFileName());
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    private static Map<String, String> readProperties(Path file)
    {
        try (java.io.Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties properties = new Properties();
            properties.load(reader);
            Map<String, String> values = new LinkedHashMap<>();
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
            return values;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }
}
