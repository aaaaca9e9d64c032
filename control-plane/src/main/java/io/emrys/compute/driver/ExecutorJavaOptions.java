package io.emrys.compute.driver;

import io.emrys.compute.config.ShellWords;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the Java options of a driver's executor JVMs off their command lines. The standalone worker starts each
 * executor as {@code java ... <spark.executor.extraJavaOptions> CoarseGrainedExecutorBackend ...} (and logs that
 * line), where any user of the host reads them with {@code ps}; they may hold a job's secrets (AWS marks Java options
 * sensitive). Instead they go into an owner-only {@code java @file} ({@link JavaArgumentFile}), which the executor's
 * java launcher expands before its main class, and the property names only the file. The executors run on this host
 * as this user, so they read it where the driver's launcher wrote it.
 *
 * <p>Not {@code JDK_JAVA_OPTIONS} in the executors' environment: the launcher prints its whole value to stderr
 * ("NOTE: Picked up JDK_JAVA_OPTIONS: ..."), which is the executor's log. Options that Spark refuses in
 * {@code spark.executor.extraJavaOptions} ({@code -Dspark...}, {@code -Xmx}) stay in place, so that the driver still
 * fails with Spark's own message rather than starting executors Spark would not.
 */
final class ExecutorJavaOptions
{
    static final String NAME = "executor-java.args";
    static final String EXTRA = "spark.executor.extraJavaOptions";
    /** Spark prepends it to {@link #EXTRA}; both go into the file, in that order. */
    static final String DEFAULT = "spark.executor.defaultJavaOptions";

    private ExecutorJavaOptions() {}

    /** The executors' Java options to write to the file; empty when there are none or no executor JVMs. */
    static Optional<List<String>> movable(Map<String, String> properties)
    {
        if (!properties.getOrDefault("spark.master", "").startsWith("spark://")) {
            return Optional.empty();
        }
        String options = String.join(" ", Stream.of(properties.get(DEFAULT), properties.get(EXTRA))
                .filter(value -> value != null && !value.isBlank()).toList());
        if (options.isBlank() || options.contains("-Dspark") || options.contains("-Xmx")) {
            return Optional.empty();
        }
        return Optional.of(ShellWords.split(options, EXTRA));
    }

    /** {@code properties} with the executors' Java options replaced by the {@code @file} that holds them. */
    static Map<String, String> pointedAt(Map<String, String> properties, Path file)
    {
        Map<String, String> pointed = new LinkedHashMap<>(properties);
        pointed.remove(DEFAULT);
        pointed.put(EXTRA, "@" + file.toAbsolutePath());
        return pointed;
    }
}
