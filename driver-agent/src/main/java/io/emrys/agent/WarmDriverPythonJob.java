package io.emrys.agent;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.python.Py4JServer;
import org.apache.spark.api.python.PythonUtils;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Runs one PySpark job on the warm SparkSession, the way Spark's {@code PythonRunner} runs one under spark-submit,
 * except that the JVM and its SparkContext are already up: this JVM opens Spark's Py4J gateway (its own
 * {@link Py4JServer}, with a fresh secret, on loopback), then starts the job's Python with
 * {@code PYSPARK_GATEWAY_PORT} and {@code PYSPARK_GATEWAY_SECRET}, so PySpark connects here instead of starting a
 * JVM; the {@code sitecustomize.py} this class writes makes the job's first SparkContext the running one. The
 * job's {@code --py-files} are added with {@code SparkContext.addFile}, so the driver has them locally and every
 * executor fetches them, and named in {@code spark.submit.pyFiles}, from which PySpark puts the archives on its
 * workers' path, as after spark-submit.
 *
 * <p>The interpreter follows Spark's precedence: {@code spark.pyspark.driver.python}, {@code spark.pyspark.python},
 * then the environment's {@code PYSPARK_DRIVER_PYTHON} and {@code PYSPARK_PYTHON}, then {@code python3}. Its stdout
 * and stderr are this JVM's, so they land in the job's driver logs. The JVM ends after the job with the Python
 * process's exit code, as spark-submit does.
 */
final class WarmDriverPythonJob
{
    static final String SITE_FOLDER = "python-warm";
    private static final String SITE_CUSTOMIZE = "sitecustomize.py";
    /** The file of the job's entry-point arguments that sitecustomize.py puts into {@code sys.argv}. */
    private static final String ARGUMENTS = "arguments";
    private static final String ARGUMENTS_VARIABLE = "EMRYS_ENTRY_POINT_ARGUMENTS";

    private final SparkSession spark;
    private final Path workDir;
    private final WarmDriverJobFiles files;
    private final long warmMillis;

    WarmDriverPythonJob(SparkSession spark, Path workDir, long warmMillis)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.files = new WarmDriverJobFiles(spark, workDir);
        this.warmMillis = warmMillis;
    }

    /** Runs the job and returns the JVM's exit code: the Python process's, or 1 when its preparation fails. */
    int run(WarmDriverAssignment assignment)
    {
        String entryPoint = assignment.entryPoint().orElseThrow();
        Py4JServer gateway = null;
        try {
            Optional<Path> script = files.fetch(entryPoint);
            if (script.isEmpty()) {
                System.err.println("Error: the entry point " + entryPoint + " does not exist or is not a file");
                stopQuietly();
                return 1;
            }
            SparkContext context = spark.sparkContext();
            assignment.runtimeSqlConf().forEach((key, value) -> spark.conf().set(key, value));
            List<String> pythonPath = new ArrayList<>();
            pythonPath.add(writeSiteCustomize().toString());
            pythonPath.addAll(addPyFiles(spark, assignment.pyFiles()));
            pythonPath.add(PythonUtils.sparkPythonPath());
            exposeConfAsSystemProperties(context.getConf());

            gateway = new Py4JServer(context.getConf());
            gateway.start();
            ProcessBuilder builder = new ProcessBuilder(pythonCommand(context.getConf(), script.get()))
                    .directory(workDir.toFile())
                    .inheritIO();
            Map<String, String> environment = builder.environment();
            // the arguments are sensitive: in an owner-only file, not on the Python process's command line (ps)
            environment.remove(ARGUMENTS_VARIABLE);
            if (!assignment.arguments().isEmpty()) {
                environment.put(ARGUMENTS_VARIABLE, writeArguments(assignment.arguments()).toString());
            }
            String ownPath = environment.get("PYTHONPATH");
            if (ownPath != null && !ownPath.isBlank()) {
                pythonPath.add(ownPath);
            }
            environment.put("PYTHONPATH", String.join(":", pythonPath));
            environment.put("PYTHONUNBUFFERED", "YES");
            environment.put("PYSPARK_GATEWAY_PORT", Integer.toString(gateway.getListeningPort()));
            environment.put("PYSPARK_GATEWAY_SECRET", gateway.secret());
            environment.put("EMRYS_WARM_DRIVER", "1");
            if (context.getConf().contains("spark.pyspark.python")) {
                environment.put("PYSPARK_PYTHON", context.getConf().get("spark.pyspark.python"));
            }

            System.err.printf("Emrys: warm driver %s took Python job run %s (warm for %d ms; runtime SQL settings: %s; py-files: %d)%n",
                    context.applicationId(), entryPoint, warmMillis,
                    assignment.runtimeSqlConf().isEmpty() ? "none" : String.join(", ", assignment.runtimeSqlConf().keySet()), assignment.pyFiles().size());
            Process python = builder.start();
            // a cancelled run stops this JVM; its Python must not outlive it
            Thread reaper = new Thread(python::destroyForcibly, "emrys-python-job-reaper");
            Runtime.getRuntime().addShutdownHook(reaper);
            int exitCode = python.waitFor();
            Runtime.getRuntime().removeShutdownHook(reaper);
            gateway.shutdown();
            stopQuietly();
            return exitCode;
        }
        catch (Throwable failure) {
            if (gateway != null) {
                gateway.shutdown();
            }
            stopQuietly();
            return WarmDriver.reportUncaught(failure);
        }
    }

    /** Spark's precedence for the driver's interpreter (PythonRunner's). */
    static List<String> pythonCommand(SparkConf conf, Path script)
    {
        String python = Optional.ofNullable(conf.get("spark.pyspark.driver.python", null))
                .or(() -> Optional.ofNullable(conf.get("spark.pyspark.python", null)))
                .or(() -> Optional.ofNullable(System.getenv("PYSPARK_DRIVER_PYTHON")))
                .or(() -> Optional.ofNullable(System.getenv("PYSPARK_PYTHON")))
                .orElse("python3");
        List<String> command = new ArrayList<>();
        command.add(python);
        command.add(script.toString());
        return command;
    }

    /**
     * Adds each file to the SparkContext and returns what the driver's Python path needs for them: the folder the
     * driver's copies are in (for {@code .py} modules) and each {@code .zip} or {@code .egg} there, as PythonRunner
     * puts them first on a cold driver's path so that the job's top-level imports work before its SparkContext exists.
     */
    private static List<String> addPyFiles(SparkSession spark, List<String> pyFiles)
            throws java.net.URISyntaxException
    {
        if (pyFiles.isEmpty()) {
            return List.of();
        }
        Path root = Path.of(org.apache.spark.SparkFiles.getRootDirectory());
        List<String> path = new ArrayList<>();
        for (String pyFile : pyFiles) {
            // addFile skips local: URIs (it assumes every node has them), but the executors need these fetched
            String source = WarmDriverJobFiles.localPath(pyFile).map(Path::toString).orElse(pyFile);
            SessionFiles.add(spark, source);
            String name = source.substring(source.lastIndexOf('/') + 1);
            if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".py")) {
                path.add(root.resolve(name).toString());
            }
        }
        path.add(root.toString());
        // the running context's own conf, which PySpark's SparkContext reads back for its workers' includes
        spark.sparkContext().conf().set("spark.submit.pyFiles", String.join(",", pyFiles));
        return path;
    }

    /**
     * PySpark's {@code SparkConf()} loads the JVM's {@code spark.*} system properties, which SparkSubmit sets from the
     * job's configuration; the warm driver set its configuration on a SparkConf only, so it sets them here, and the
     * job's Python sees the settings (master, application name, ...) it would see under spark-submit.
     */
    private static void exposeConfAsSystemProperties(SparkConf conf)
    {
        for (Tuple2<String, String> entry : conf.getAll()) {
            System.setProperty(entry._1(), entry._2());
        }
    }

    private Path writeSiteCustomize()
            throws IOException
    {
        Path folder = Files.createDirectories(workDir.resolve(SITE_FOLDER));
        try (InputStream source = WarmDriverPythonJob.class.getResourceAsStream(SITE_CUSTOMIZE)) {
            if (source == null) {
                throw new IOException("The agent jar lacks " + SITE_CUSTOMIZE);
            }
            Files.copy(source, folder.resolve(SITE_CUSTOMIZE), StandardCopyOption.REPLACE_EXISTING);
        }
        return folder;
    }

    /**
     * Each argument as UTF-8 followed by NUL, as {@code /proc/<pid>/cmdline} holds them (no argument can contain
     * NUL); the file is created owner-only before anything is written to it.
     */
    private Path writeArguments(List<String> arguments)
            throws IOException
    {
        Path file = Files.createDirectories(workDir.resolve(SITE_FOLDER)).resolve(ARGUMENTS);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (String argument : arguments) {
            if (argument.indexOf('\0') >= 0) {
                throw new IOException("An entry-point argument contains a NUL character, which a Python process's arguments cannot hold");
            }
            content.writeBytes(argument.getBytes(StandardCharsets.UTF_8));
            content.write(0);
        }
        Files.write(file, content.toByteArray());
        return file;
    }

    private void stopQuietly()
    {
        try {
            spark.stop();
        }
        catch (RuntimeException e) {
            System.err.println("Emrys: stopping the SparkContext failed: " + e);
        }
    }
}
