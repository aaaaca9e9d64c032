package io.emrys.compute.standalone;

import io.emrys.common.OwnerOnlyFiles;
import java.security.SecureRandom;
import java.util.HexFormat;

import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlanner;
import io.emrys.compute.driver.JobClassArchives;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Starts standalone hosts: one JVM from the runtime folder running the driver agent's {@code StandaloneHost} (a
 * Spark master and one worker offering {@code cores} and {@code memoryMb} to executors). Like a driver it has
 * stdin from {@code /dev/null} and stdout/stderr in files of its work dir, and its pid is kept there, so it
 * survives a {@code kill -9} of the control plane and can be re-adopted with {@link StandaloneHost#adopt}.
 */
public final class StandaloneHostLauncher
{
    /** Heap of the host JVM; a master and worker with one application at a time need little. */
    private static final String HOST_HEAP = "-Xmx512m";
    /** Spark 4 is built for Scala 2.13 only. */
    private static final String SCALA_BINARY_VERSION = "2.13";

    private final DriverLauncherConfig config;
    private final JobClassArchives classArchives;
    private final SecureRandom random = new SecureRandom();

    public StandaloneHostLauncher(DriverLauncherConfig config)
    {
        this(config, JobClassArchives.none());
    }

    /** @param classArchives the class-data archives that hosts map when one is kept for their runtime */
    public StandaloneHostLauncher(DriverLauncherConfig config, JobClassArchives classArchives)
    {
        this.config = requireNonNull(config, "config is null");
        this.classArchives = requireNonNull(classArchives, "classArchives is null");
    }

    /** Starts a host and returns once its JVM runs; watch {@link StandaloneHost#ready()} for the master URL. */
    public StandaloneHost start(SparkRuntime runtime, Path workDir, int cores, long memoryMb)
    {
        return start(runtime, workDir, cores, memoryMb, classArchives.jvmOptions(runtime, JobClassArchives.Kind.HOST));
    }

    /**
     * Starts a host with {@code jvmOptions} (class-data archive options) before its own; see
     * {@link #start(SparkRuntime, Path, int, long)}.
     */
    public StandaloneHost start(SparkRuntime runtime, Path workDir, int cores, long memoryMb, List<String> jvmOptions)
    {
        requireNonNull(jvmOptions, "jvmOptions is null");
        requireNonNull(runtime, "runtime is null");
        requireNonNull(workDir, "workDir is null");
        if (cores <= 0) {
            throw new IllegalArgumentException("cores must be positive: " + cores);
        }
        if (memoryMb <= 0 || memoryMb > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("memoryMb must be positive and fit an int: " + memoryMb);
        }
        StandaloneHostFiles files = new StandaloneHostFiles(workDir);
        try {
            Files.createDirectories(files.tmp());
            Files.createDirectories(files.workerDir());
            Files.deleteIfExists(files.readyFile());
            Files.deleteIfExists(files.pidFile());
            writeSecret(files.authSecret());
            Process process = builder(runtime, files, cores, memoryMb, jvmOptions).start();
            writePid(files.pidFile(), process.pid());
            return new StandaloneHost(process.toHandle(), files, process.onExit());
        }
        catch (IOException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "Could not start a standalone host in " + files.root(), e);
        }
    }

    List<String> command(SparkRuntime runtime, StandaloneHostFiles files, int cores, long memoryMb, List<String> jvmOptions)
    {
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add(HOST_HEAP);
        command.add("-Djava.io.tmpdir=" + files.tmp());
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.add("-cp");
        command.add(runtime.classPathWildcard() + ":" + runtime.agentJar());
        command.add(StandaloneHostFiles.MAIN_CLASS);
        command.addAll(List.of("--work-dir", files.root().toString(), "--cores", Integer.toString(cores), "--memory-mb", Long.toString(memoryMb)));
        return command;
    }

    private ProcessBuilder builder(SparkRuntime runtime, StandaloneHostFiles files, int cores, long memoryMb, List<String> jvmOptions)
    {
        ProcessBuilder builder = new ProcessBuilder(command(runtime, files, cores, memoryMb, jvmOptions))
                .directory(files.root().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(files.stdout().toFile())
                .redirectError(files.stderr().toFile());
        Map<String, String> environment = builder.environment();
        // Executors inherit this environment: the operator's AWS credentials must not reach jobs through S3A.
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        // The worker starts executors from SPARK_HOME/jars with JAVA_HOME's java; both must be ours.
        environment.put("SPARK_HOME", runtime.home().toString());
        Path javaHome = config.javaExecutable().toAbsolutePath().getParent().getParent();
        if (javaHome != null) {
            environment.put("JAVA_HOME", javaHome.toString());
        }
        // Spark's launcher library (which builds executor command lines in the worker) insists on knowing the Scala
        // version; spark-submit's scripts would set this, and without it every executor launch fails.
        environment.put("SPARK_SCALA_VERSION", SCALA_BINARY_VERSION);
        // Spark's web UIs (master, worker, executors) bind to SPARK_LOCAL_IP, else to every address.
        environment.put("SPARK_LOCAL_IP", DriverPlanner.LOOPBACK);
        return builder;
    }

    /**
     * A fresh secret for each host: the host reads it from its folder, and every driver placed on it from
     * {@link StandaloneHost#authSecretFile}, so it is never on a command line.
     */
    private void writeSecret(Path file)
            throws IOException
    {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        Path temporary = OwnerOnlyFiles.createTemporaryFile(file.toAbsolutePath().getParent(), "." + file.getFileName());
        Files.writeString(temporary, HexFormat.of().formatHex(secret), StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writePid(Path pidFile, long pid)
            throws IOException
    {
        Path temporary = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(temporary, Long.toString(pid), StandardCharsets.US_ASCII);
        Files.move(temporary, pidFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
