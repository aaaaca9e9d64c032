package io.emrys.compute.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime folders the build prebuilds (runtimes/spark-*): Spark's distribution from its pyspark sdist plus the
 * Maven jars it lacks, with one version of each artifact and the Python side of the same release.
 */
class PrebuiltRuntimesTest
{
    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-(\\d[^-]*(?:-[A-Za-z]+)?)\\.jar");

    enum Prebuilt
    {
        SPARK_4_0(SparkLine.SPARK_4_0, "4.0.1", "2.13", "3.4.1"),
        SPARK_3_5(SparkLine.SPARK_3_5, "3.5.5", "2.12", "3.4.1");

        final SparkLine line;
        final String sparkVersion;
        final String scala;
        final String hadoop;

        Prebuilt(SparkLine line, String sparkVersion, String scala, String hadoop)
        {
            this.line = line;
            this.sparkVersion = sparkVersion;
            this.scala = scala;
            this.hadoop = hadoop;
        }

        Path home()
        {
            return ProjectRoot.find(Path.of("").toAbsolutePath()).resolve("runtimes").resolve(line.runtimeModule()).resolve("target").resolve("spark-" + sparkVersion);
        }
    }

    @ParameterizedTest
    @EnumSource(Prebuilt.class)
    void carriesTheSparkOfItsVersionWithS3aAndTheHadoop341Client(Prebuilt runtime)
            throws IOException
    {
        List<String> jars = FolderFacts.fileNames(runtime.home().resolve("jars"));

        assertThat(jars).contains("spark-core_%s-%s.jar".formatted(runtime.scala, runtime.sparkVersion),
                "spark-connect_%s-%s.jar".formatted(runtime.scala, runtime.sparkVersion),
                "spark-hadoop-cloud_%s-%s.jar".formatted(runtime.scala, runtime.sparkVersion),
                "hadoop-aws-" + runtime.hadoop + ".jar", "hadoop-client-api-" + runtime.hadoop + ".jar", "hadoop-client-runtime-" + runtime.hadoop + ".jar");
        assertThat(jars).as("no SDK bundle").noneMatch(name -> name.startsWith("bundle-"));
    }

    @ParameterizedTest
    @EnumSource(Prebuilt.class)
    void holdsOneVersionOfEachArtifact(Prebuilt runtime)
            throws IOException
    {
        Map<String, List<String>> byArtifact = FolderFacts.fileNames(runtime.home().resolve("jars")).stream()
                .collect(Collectors.groupingBy(name -> artifactOf(name), Collectors.toList()));

        for (Map.Entry<String, List<String>> artifact : byArtifact.entrySet()) {
            if (artifact.getValue().size() > 1) {
                // one name of two groups (the AWS SDK's annotations beside JetBrains', whose jar names no group) is two
                // artifacts; two of one group, or two that name none, are two versions of one
                List<Optional<String>> groups = artifact.getValue().stream().map(name -> groupOf(runtime.home().resolve("jars").resolve(name))).toList();
                assertThat(groups).as("the groups of " + artifact.getValue()).doesNotHaveDuplicates();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Prebuilt.class)
    void carriesPySparkAndPy4jOfTheSameRelease(Prebuilt runtime)
            throws IOException
    {
        Path lib = runtime.home().resolve("python/lib");

        assertThat(FolderFacts.fileNames(lib)).hasSize(2).contains("pyspark.zip").anyMatch(name -> name.matches("py4j-0\\.10\\.9\\.\\d+-src\\.zip"));
        try (ZipFile pyspark = new ZipFile(lib.resolve("pyspark.zip").toFile())) {
            ZipEntry version = pyspark.getEntry("pyspark/version.py");
            assertThat(version).as("pyspark/version.py").isNotNull();
            try (InputStream in = pyspark.getInputStream(version)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).containsPattern("__version__.*['\"]" + Pattern.quote(runtime.sparkVersion) + "['\"]");
            }
        }
        String py4jJar = FolderFacts.fileNames(runtime.home().resolve("jars")).stream().filter(name -> name.startsWith("py4j-")).findFirst().orElseThrow();
        String py4jZip = FolderFacts.fileNames(lib).stream().filter(name -> name.startsWith("py4j-")).findFirst().orElseThrow();
        assertThat(py4jZip.replace("-src.zip", "")).as("the Python side of the jar's Py4J").isEqualTo(py4jJar.replace(".jar", ""));
    }

    private static String artifactOf(String jarName)
    {
        Matcher matcher = VERSIONED_JAR.matcher(jarName);
        return matcher.matches() ? matcher.group(1) : jarName;
    }

    private static Optional<String> groupOf(Path jar)
    {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream()
                    .filter(entry -> entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties"))
                    .findFirst()
                    .map(entry -> {
                        try (InputStream in = file.getInputStream(entry)) {
                            Properties properties = new Properties();
                            properties.load(in);
                            return properties.getProperty("groupId");
                        }
                        catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read " + jar, e);
        }
    }
}
