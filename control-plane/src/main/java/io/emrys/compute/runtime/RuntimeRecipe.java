package io.emrys.compute.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * What one Spark runtime folder is made of: Spark's binary distribution from the pyspark sdist of {@code sparkVersion}
 * on PyPI ({@link PySparkDistribution}), less {@link #replacedDistributionJars()}, plus the Maven artifacts the
 * distribution lacks, and the prebuilt driver agent for the Spark line. This must stay in step with
 * {@code runtimes/spark-*}/pom.xml, so that a folder assembled on demand holds the same jars as one the build prebuilt.
 */
public record RuntimeRecipe(String sparkVersion, String scalaBinaryVersion, String hadoopVersion, String awsSdkVersion, Path agentJar)
{
    /** The Hadoop client both Spark lines run (Spark 3.5 is built against 3.3.4, whose S3A needs SDK v1). */
    public static final String HADOOP_VERSION = "3.4.1";
    /** The AWS SDK v2 release Hadoop 3.4.1's S3A is built and tested against. */
    public static final String HADOOP_AWS_SDK_VERSION = "2.29.52";

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

    /**
     * The artifacts to resolve in runtime scope (compile and runtime; never test, provided or optional ones): only what
     * the distribution lacks, with exclusions that keep every jar it does carry out.
     */
    public List<MavenDependency> dependencies()
    {
        Stream<MavenDependency> lineOwn = onSpark35()
                ? Stream.of(
                        // the 3.5 distribution has no Connect server; it is a shaded jar that needs nothing else
                        spark("spark-connect").intransitive(),
                        MavenDependency.of("org.apache.hadoop", "hadoop-client-api", hadoopVersion).intransitive(),
                        MavenDependency.of("org.apache.hadoop", "hadoop-client-runtime", hadoopVersion).intransitive())
                : Stream.of();
        Stream<MavenDependency> common = Stream.of(
                // only for its S3A committer bindings; its own dependencies are the Azure/GCS connectors and the SDK bundle
                spark("spark-hadoop-cloud").intransitive(),
                // S3A on the four SDK modules below instead of the 558 MB bundle
                MavenDependency.of("org.apache.hadoop", "hadoop-aws", hadoopVersion).excluding("software.amazon.awssdk:bundle"),
                awsSdk("s3"),
                awsSdk("sts"),
                awsSdk("s3-transfer-manager"),
                awsSdk("apache-client"));
        return Stream.concat(lineOwn, common).toList();
    }

    /**
     * Distribution jars (by name prefix) that a Maven artifact above replaces: Spark 3.5 is built against Hadoop 3.3.4,
     * whose S3A needs the SDK v1 bundle, and both lines run Hadoop 3.4.1's shaded client and S3A on SDK v2 instead.
     */
    public List<String> replacedDistributionJars()
    {
        return onSpark35() ? List.of("hadoop-client-api-", "hadoop-client-runtime-") : List.of();
    }

    boolean replacesDistributionJar(String name)
    {
        return replacedDistributionJars().stream().anyMatch(name::startsWith);
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
        return "Spark %s (pyspark %s from PyPI, Scala %s, Hadoop %s, AWS SDK %s)".formatted(sparkVersion, sparkVersion, scalaBinaryVersion, hadoopVersion, awsSdkVersion);
    }

    private MavenDependency spark(String module)
    {
        return MavenDependency.of("org.apache.spark", module + "_" + scalaBinaryVersion, sparkVersion);
    }

    /** The distribution's Netty, SLF4J and Apache HTTP client serve the SDK, as in the POMs. */
    private MavenDependency awsSdk(String module)
    {
        return MavenDependency.of("software.amazon.awssdk", module, awsSdkVersion)
                .excluding("io.netty:*")
                .excluding("org.slf4j:*")
                .excluding("org.apache.httpcomponents:*")
                .excluding("commons-codec:*")
                .excluding("commons-logging:*");
    }

    private boolean onSpark35()
    {
        return sparkVersion.startsWith("3.5.");
    }
}
