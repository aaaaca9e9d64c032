package io.emrys.compute;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** A SPARK_HOME-shaped folder for one release label; drivers start with {@code java -cp '<home>/jars/*'}. */
public record SparkRuntime(ReleaseLabel releaseLabel, Path home)
{
    public SparkRuntime
    {
        requireNonNull(releaseLabel, "releaseLabel is null");
        requireNonNull(home, "home is null");
        home = home.toAbsolutePath().normalize();
    }

    public Path jars()
    {
        return home.resolve("jars");
    }

    /** The class path entry the JVM expands itself, so no jar list is built or passed on the command line. */
    public String classPathWildcard()
    {
        return jars() + "/*";
    }
}
