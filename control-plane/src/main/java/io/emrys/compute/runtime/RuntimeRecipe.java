package io.emrys.compute.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * What one Spark runtime folder is made of: the Maven artifacts of {@code runtimes/spark-*}/pom.xml, with the
 * versions as parameters, and the prebuilt driver agent for the Spark line. The lists below must stay in step
 * with those POMs, so that a folder assembled on demand holds the same jars as one the build prebuilt.
 */
public record RuntimeRecipe(String sparkVersion, String scalaBinaryVersion, String hadoopVersion, String awsSdkVersion, Path agentJar)
{
    /** The Hadoop client both Spark lines run (Spark 3.5 is built against 3.3.4, whose S3A needs SDK v1). */
    public static final String HADOOP_VERSION = "3.4.1";
    /** The AWS SDK v2 release Hadoop 3.4.1's S3A is built and tested against. */
    public static final String HADOOP_AWS_SDK_VERSION = "2.29.52";

    private static final String SPARK_3_5_SLF4J_VERSION = "2.0.7";
    // a transitive jackson-core 2.14.3 would otherwise win beside Spark's jackson-databind 2.15.2, which then fails
    // on StreamReadConstraints (new in 2.15) when a driver first writes JSON
    private static final String SPARK_3_5_JACKSON_VERSION = "2.15.2";
    private static final Set<String> SCALA_BINARY_VERSIONS = Set.of("2.12", "2.13");

    public RuntimeRecipe
    {
        requireNonNull(sparkVersion, "sparkVersion is null");
        requireNonNull(scalaBinaryVersion, "scalaBinaryVersion is null");
        requireNonNull(hadoopVersion, "hadoopVersion is null");
        requireNonNull(awsSdkVersion, "awsSdkVersion is null");
        requireNonNull(agentJar, "agentJar is null");
        if (!SCALA_BINARY_VERSIONS.contains(scalaBinaryVersion)) {
            throw new IllegalArgumentException("scalaBinaryVersion '%s' is not one of %s".formatted(scalaBinaryVersion, SCALA_BINARY_VERSIONS));
        }
        for (String version : List.of(sparkVersion, hadoopVersion, awsSdkVersion)) {
            // versions become folder and file names
            if (!version.matches("[0-9A-Za-z.\\-]+")) {
                throw new IllegalArgumentException("version '%s' is not a plain Maven version".formatted(version));
            }
        }
    }

    /** The artifacts to resolve in runtime scope (compile and runtime; never test, provided or optional ones). */
    public List<MavenDependency> dependencies()
    {
        return List.of(
                spark("spark-core"),
                spark("spark-sql"),
                spark("spark-hive"),
                spark("spark-mllib"),
                spark("spark-connect"),
                // only for its S3A committer bindings; its own dependencies are the Azure/GCS connectors and the SDK bundle
                spark("spark-hadoop-cloud").intransitive(),
                // S3A on the four SDK modules below instead of the 558 MB bundle
                MavenDependency.of("org.apache.hadoop", "hadoop-aws", hadoopVersion).excluding("software.amazon.awssdk:bundle"),
                awsSdk("s3"),
                awsSdk("sts"),
                awsSdk("s3-transfer-manager"),
                awsSdk("apache-client"));
    }

    /**
     * Versions forced on transitive dependencies, as the POMs' dependencyManagement does: Spark 3.5 is built against
     * Hadoop 3.3.4, and both lines run the same shaded Hadoop client as hadoop-aws. On the 3.5 line hadoop-aws would
     * also win with slf4j-api 1.7.36, which finds no binding for Spark's log4j-slf4j2-impl and silences the driver
     * log, so slf4j-api stays at the 2.0.7 Spark 3.5 is built with (Spark 4.0's own 2.0.x wins by itself).
     */
    public List<MavenDependency> managedDependencies()
    {
        List<MavenDependency> managed = List.of(
                MavenDependency.of("org.apache.hadoop", "hadoop-client-api", hadoopVersion),
                MavenDependency.of("org.apache.hadoop", "hadoop-client-runtime", hadoopVersion));
        if (sparkVersion.startsWith("3.5.")) {
            return Stream.concat(managed.stream(), Stream.of(MavenDependency.of("org.slf4j", "slf4j-api", SPARK_3_5_SLF4J_VERSION),
                    MavenDependency.of("com.fasterxml.jackson.core", "jackson-core", SPARK_3_5_JACKSON_VERSION))).toList();
        }
        return managed;
    }

    /** The recipe Emrys serves a Spark version of a line with: the line's Scala, Hadoop 3.4.1 and its SDK. */
    public static RuntimeRecipe forLine(SparkLine line, String sparkVersion, Path agentJar)
    {
        if (SparkLine.of(sparkVersion).filter(line::equals).isEmpty()) {
            throw new IllegalArgumentException("Spark %s is not on the %s line".formatted(sparkVersion, line));
        }
        return new RuntimeRecipe(sparkVersion, line.scalaBinaryVersion(), HADOOP_VERSION, HADOOP_AWS_SDK_VERSION, agentJar);
    }

    /**
     * The runtime's folder name, where {@link RuntimeFolders} looks for it. It names only the Spark version, so a
     * folder records the recipe it was built from and the assembler refuses to serve it for another one.
     */
    public String folderName()
    {
        return RuntimeFolders.folderName(sparkVersion);
    }

    @Override
    public String toString()
    {
        return "Spark %s (Scala %s, Hadoop %s, AWS SDK %s)".formatted(sparkVersion, scalaBinaryVersion, hadoopVersion, awsSdkVersion);
    }

    private MavenDependency spark(String module)
    {
        return MavenDependency.of("org.apache.spark", module + "_" + scalaBinaryVersion, sparkVersion);
    }

    private MavenDependency awsSdk(String module)
    {
        return MavenDependency.of("software.amazon.awssdk", module, awsSdkVersion);
    }
}
