package io.emrys.compute.runtime;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * A SPARK_HOME-shaped folder serving one release label; drivers start with {@code java -cp '<home>/jars/*'}.
 * {@code sparkVersion} is what runs: the catalog's version for the label, or an operator's pin.
 */
public record SparkRuntime(ReleaseLabel releaseLabel, String sparkVersion, Path home)
{
    /** Where EMR's image keeps Spark; {@code local://} paths below it resolve inside the runtime folder. */
    public static final String EMR_SPARK_HOME = "/usr/lib/spark/";
    /** Spark's Python examples, from the same pyspark release, where EMR's image has them. */
    public static final String PYTHON_EXAMPLES = "examples/src/main/python";

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

    /**
     * The file a {@code local:///usr/lib/spark/...} path of EMR's image names in this runtime, whether or not it exists;
     * empty for any other path.
     */
    public java.util.Optional<Path> emrImagePath(String uri)
    {
        String prefix = "local://" + EMR_SPARK_HOME;
        if (!uri.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        Path resolved = home.resolve(uri.substring(prefix.length())).normalize();
        return resolved.startsWith(home) ? java.util.Optional.of(resolved) : java.util.Optional.empty();
    }

    /** The class path entry the JVM expands itself, so no jar list is built or passed on the command line. */
    public String classPathWildcard()
    {
        return jars() + "/*";
    }
}
