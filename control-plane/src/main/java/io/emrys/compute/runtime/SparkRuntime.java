package io.emrys.compute.runtime;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A SPARK_HOME-shaped folder serving one release label; drivers start with {@code java -cp '<home>/jars/*'}.
 * {@code sparkVersion} is what runs: the catalog's version for the label, or an operator's pin.
 */
public record SparkRuntime(ReleaseLabel releaseLabel, String sparkVersion, Path home)
{
    public SparkRuntime
    {
        requireNonNull(releaseLabel, "releaseLabel is null");
        requireNonNull(sparkVersion, "sparkVersion is null");
        requireNonNull(home, "home is null");
        home = home.toAbsolutePath().normalize();
    }

    public boolean pinned()
    {
        return !sparkVersion.equals(releaseLabel.sparkVersion());
    }

    public Path jars()
    {
        return home.resolve("jars");
    }

    /** The driver agent (standalone host, worker-events listener, warm driver), kept out of {@code jars/}. */
    public Path agentJar()
    {
        return home.resolve("agent").resolve("emrys-driver-agent.jar");
    }

    /**
     * PySpark's Python side in Spark's own layout, from the same pyspark release as {@code jars/}: {@code pyspark.zip}
     * and {@code py4j-<version>-src.zip}, which a Python driver or worker puts on its PYTHONPATH.
     */
    public Path pythonLibraries()
    {
        return home.resolve("python").resolve("lib");
    }

    /** The class path entry the JVM expands itself, so no jar list is built or passed on the command line. */
    public String classPathWildcard()
    {
        return jars() + "/*";
    }
}
