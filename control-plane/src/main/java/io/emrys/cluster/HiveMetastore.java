package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.runtime.SparkRuntime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Hive metastore of a cluster with the Hive application: Spark's built-in Hive client (the runtime's
 * {@code spark-hive} and {@code hive-metastore} 2.3.x jars) over an embedded Derby database in the cluster's own
 * folder, so that every step of the cluster sees the tables the steps before it wrote. Embedded Derby admits one JVM
 * at a time, which is right here: a cluster runs its steps one at a time, and every step's driver runs in the
 * step's own JVM on this machine (client mode, see {@code compute.nodes.StepArguments}).
 *
 * <p>AWS runs Hive 3.1.3 on emr-7.x; this server runs no Hive server of its own, only the metastore client that
 * Spark embeds, whose version is what DescribeCluster reports for Hive.
 *
 * @param root the cluster's {@code hive} folder (owner-only): {@code metastore_db}, {@code warehouse} and {@code derby.log}
 */
record HiveMetastore(Path root)
{
    private static final Pattern METASTORE_JAR = Pattern.compile("hive-metastore-(\\d[\\w.]*)\\.jar");
    private static final Pattern SPARK_HIVE_JAR = Pattern.compile("spark-hive_[\\d.]+-.*\\.jar");
    private static final Pattern DERBY_JAR = Pattern.compile("derby-\\d[\\w.]*\\.jar");
    static final String WAREHOUSE = "spark.sql.warehouse.dir";
    static final String HIVE_WAREHOUSE = "hive.metastore.warehouse.dir";

    HiveMetastore
    {
        requireNonNull(root, "root is null");
        root = root.toAbsolutePath().normalize();
    }

    static HiveMetastore of(Path clusterDir)
    {
        return new HiveMetastore(clusterDir.resolve("hive"));
    }

    /**
     * The Hive metastore client version the runtime carries, when it carries all Spark needs for Hive support
     * (Spark's Hive module, the metastore client and Derby); empty otherwise.
     */
    static Optional<String> clientVersion(SparkRuntime runtime)
    {
        List<String> jars;
        try (Stream<Path> files = Files.list(runtime.jars())) {
            jars = files.map(file -> file.getFileName().toString()).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not list " + runtime.jars(), e);
        }
        if (jars.stream().noneMatch(jar -> SPARK_HIVE_JAR.matcher(jar).matches()) || jars.stream().noneMatch(jar -> DERBY_JAR.matcher(jar).matches())) {
            return Optional.empty();
        }
        return jars.stream().map(METASTORE_JAR::matcher).filter(Matcher::matches).map(matcher -> matcher.group(1)).findFirst();
    }

    /**
     * The Spark properties of a step on a Hive cluster: the Hive catalog, this metastore, and a warehouse in the
     * cluster's folder unless the user's spark-defaults or hive-site name one (e.g. on s3://). The user's hive-site
     * comes after these, so it may name another metastore.
     */
    Map<String, String> sparkProperties(ClusterConfigurations configurations)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spark.sql.catalogImplementation", "hive");
        properties.put("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=%s;create=true".formatted(root.resolve("metastore_db")));
        if (!configurations.sparkDefaults().containsKey(WAREHOUSE) && !configurations.hiveSite().containsKey(HIVE_WAREHOUSE)) {
            properties.put(WAREHOUSE, root.resolve("warehouse").toUri().toString());
        }
        return properties;
    }

    /** Derby's own files (its log) in this folder, not in the step's working folder. */
    Map<String, String> driverSystemProperties()
    {
        return Map.of("derby.system.home", root.toString(), "derby.stream.error.file", root.resolve("derby.log").toString());
    }
}
