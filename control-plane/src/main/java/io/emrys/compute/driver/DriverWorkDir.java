package io.emrys.compute.driver;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The files of one driver inside its run's work dir. Everything the control plane needs to re-adopt a driver
 * after a restart lives here, so the folder alone tells what happened to it.
 */
public record DriverWorkDir(Path root)
{
    public DriverWorkDir
    {
        root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    }

    /** The driver's stdout, written by the driver itself (never piped through the control plane). */
    public Path stdout()
    {
        return root.resolve("stdout");
    }

    public Path stderr()
    {
        return root.resolve("stderr");
    }

    /** Where a Python job's driver finds Emrys's sitecustomize.py (first on its PYTHONPATH). */
    public Path pythonSite()
    {
        return root.resolve("python-site");
    }

    /** The executors' Java options ({@code java @file}), owner-only; see {@link ExecutorJavaOptions}. */
    public Path executorJavaArguments()
    {
        return root.resolve(ExecutorJavaOptions.NAME);
    }

    /** A Python job's entry-point arguments, owner-only, for sitecustomize.py; see {@link PythonArgumentFile}. */
    public Path pythonArguments()
    {
        return root.resolve(PythonArgumentFile.NAME);
    }

    /** Written by the wrapping shell once the driver JVM has exited; holds its exit status. */
    public Path exitCode()
    {
        return root.resolve("exit-code");
    }

    /** The java process id, written by the wrapping shell as soon as it has started the JVM. */
    public Path pidFile()
    {
        return root.resolve("driver.pid");
    }

    /** Spark properties for {@code --properties-file}; owner-only because it may hold object store credentials. */
    /** The driver JVM's arguments ({@code java @file}); see {@link JavaArgumentFile}. */
    public Path javaArguments()
    {
        return root.resolve(JavaArgumentFile.NAME);
    }

    public Path sparkProperties()
    {
        return root.resolve("spark.properties");
    }

    /** Non-secret facts about the launch (UI port, cores, memory, start time) read back on re-adoption. */
    public Path driverInfo()
    {
        return root.resolve("driver-info.properties");
    }

    public Path driverLog4j2()
    {
        return root.resolve("driver-log4j2.properties");
    }

    public Path executorLog4j2()
    {
        return root.resolve("executor-log4j2.properties");
    }

    /** {@code java.io.tmpdir} of the driver: SparkSubmit downloads remote entry points and jars here. */
    public Path tmp()
    {
        return root.resolve("tmp");
    }

    /** {@code spark.local.dir}: shuffle and spill scratch. */
    public Path local()
    {
        return root.resolve("local");
    }

    /** Where {@link LogArchiver} puts the gzipped logs, in the EMR Serverless layout. */
    public Path archivedLogs()
    {
        return root.resolve("logs").resolve("SPARK_DRIVER");
    }
}
