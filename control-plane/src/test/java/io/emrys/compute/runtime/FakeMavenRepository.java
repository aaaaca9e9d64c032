package io.emrys.compute.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A Maven local repository written by hand, so that the assembler runs offline in milliseconds. Files without the
 * resolver's tracking file count as locally installed, so offline resolution finds them. Jars are a few bytes
 * naming their coordinates: the resolver never opens them.
 */
final class FakeMavenRepository
{
    private final Path root;

    FakeMavenRepository(Path root)
    {
        this.root = requireNonNull(root, "root is null");
    }

    Path root()
    {
        return root;
    }

    /**
     * The recipe's direct artifacts with a few transitive dependencies shaped like the real ones: hadoop-aws's
     * wildfly-openssl, the SDK modules' sdk-core, test and optional dependencies that are never fetched, and the
     * dependencies the recipe excludes (the SDK bundle, hadoop-azure, Netty, Spark's own modules under the 3.5
     * Connect server), none of which exist here, so fetching one would fail.
     */
    FakeMavenRepository withRecipe(RuntimeRecipe recipe)
            throws IOException
    {
        String scala = recipe.scalaBinaryVersion();
        String neverFetched = dependency("org.junit.jupiter", "junit-jupiter", "5.10.0", "test", false)
                + dependency("com.example", "optional-extra", "1.0", "compile", true);
        for (MavenDependency direct : recipe.dependencies()) {
            String dependencies = switch (direct.artifactId().replace("_" + scala, "")) {
                case "spark-connect" -> dependency("org.apache.spark", "spark-core_" + scala, recipe.sparkVersion(), "compile", false);
                case "spark-hadoop-cloud" -> dependency("org.apache.hadoop", "hadoop-azure", "3.3.4", "compile", false);
                case "hadoop-aws" -> dependency("software.amazon.awssdk", "bundle", recipe.awsSdkVersion(), "compile", false)
                        + dependency("org.wildfly.openssl", "wildfly-openssl", "1.1.3.Final", "runtime", false) + neverFetched;
                case "s3", "sts", "s3-transfer-manager", "apache-client" -> dependency("software.amazon.awssdk", "sdk-core", recipe.awsSdkVersion(), "compile", false)
                        + dependency("io.netty", "netty-codec-http", "4.1.115.Final", "compile", false) + neverFetched;
                default -> "";
            };
            add(direct.groupId(), direct.artifactId(), direct.version(), dependencies);
        }
        add("org.wildfly.openssl", "wildfly-openssl", "1.1.3.Final", "");
        add("software.amazon.awssdk", "sdk-core", recipe.awsSdkVersion(), "");
        return this;
    }

    void add(String groupId, String artifactId, String version, String dependencies)
            throws IOException
    {
        Path folder = Files.createDirectories(root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version));
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%s</groupId>
                  <artifactId>%s</artifactId>
                  <version>%s</version>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(groupId, artifactId, version, dependencies);
        Files.writeString(folder.resolve(artifactId + "-" + version + ".pom"), pom, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(artifactId + "-" + version + ".jar"), groupId + ":" + artifactId + ":" + version, StandardCharsets.UTF_8);
    }

    static String dependency(String groupId, String artifactId, String version, String scope, boolean optional)
    {
        return Stream.of("<groupId>" + groupId + "</groupId>", "<artifactId>" + artifactId + "</artifactId>", "<version>" + version + "</version>",
                        "<scope>" + scope + "</scope>", "<optional>" + optional + "</optional>")
                .collect(Collectors.joining("", "<dependency>", "</dependency>"));
    }
}
