package io.emrys.compute.runtime;

import io.emrys.compute.config.SparkJavaOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static io.emrys.compute.runtime.FolderFacts.fileKey;
import static io.emrys.compute.runtime.FolderFacts.fileNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Assembles real runtimes from Maven Central into the operator's local repository (a second run reuses its
 * downloads): Spark 3.5.1, which the build does not prebuild. Run only in the {@code runtime-assembly} profile:
 * {@code mvn -B -f control-plane/pom.xml test -P runtime-assembly}.
 */
@Tag("runtime-assembly")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class RuntimeAssemblyIntegrationTest
{
    @TempDir
    static Path temp;

    private static RuntimeAssembler assembler;
    private static Path agentJar;

    @BeforeAll
    static void createAssemblerAndAgent()
            throws IOException
    {
        assembler = new RuntimeAssembler(temp.resolve("runtimes"), false);
        // any jar will do: the assembler only copies it
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        agentJar = temp.resolve("emrys-driver-agent.jar");
        try (OutputStream out = Files.newOutputStream(agentJar); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    @Test
    void assemblesASparkReleaseTheBuildDoesNotPrebuildAndItRuns()
            throws Exception
    {
        Path home = assembler.assemble(recipe("3.5.1"));

        List<String> jars = fileNames(home.resolve("jars"));
        assertThat(jars).contains("spark-core_2.12-3.5.1.jar", "spark-connect_2.12-3.5.1.jar", "hadoop-client-api-3.4.1.jar", "s3-2.29.52.jar",
                        "slf4j-api-2.0.7.jar")
                .noneMatch(name -> name.startsWith("aws-java-sdk-bundle") || name.startsWith("bundle-"))
                .noneMatch(name -> name.startsWith("hadoop-client-api-3.3"))
                .noneMatch(name -> name.startsWith("slf4j-api-1."));
        assertThat(fileNames(home.resolve("python/lib"))).as("the Python side of the same pyspark release").containsExactly("py4j-0.10.9.7-src.zip", "pyspark.zip");
        assertThat(temp.resolve("runtimes/pypi/pyspark-3.5.1.tar.gz")).as("kept for the next assembly of this release").isRegularFile();
        assertThat(home.resolve("agent").resolve(RuntimeAssembler.AGENT_JAR)).hasSameBinaryContentAs(agentJar);
        assertThat(sparkSubmitVersion(home)).contains("version 3.5.1");
    }

    @Test
    void aCompleteRuntimeIsReturnedAsItIs()
            throws IOException
    {
        RuntimeRecipe recipe = recipe("3.5.1");
        Path home = assembler.assemble(recipe);
        Object markerKey = fileKey(home.resolve(RuntimeAssembler.COMPLETE_MARKER));

        assertThat(assembler.assemble(recipe)).isEqualTo(home);
        assertThat(fileKey(home.resolve(RuntimeAssembler.COMPLETE_MARKER))).as("the same marker file, not a rebuilt folder").isEqualTo(markerKey);
    }

    @Test
    void aRuntimeSharingJarsHardLinksTheStoredCopies()
            throws IOException
    {
        Path first = assembler.assemble(recipe("3.5.1"));
        // 3.5.5 is the prebuilt 3.5 runtime, so a machine that built Emrys has its jars already
        Path second = assembler.assemble(recipe("3.5.5"));

        assertThat(second).isEqualTo(temp.resolve("runtimes/spark-3.5.5"));
        for (String shared : List.of("hadoop-client-runtime-3.4.1.jar", "s3-2.29.52.jar", "slf4j-api-2.0.7.jar")) {
            assertThat(fileKey(second.resolve("jars").resolve(shared))).as(shared).isEqualTo(fileKey(first.resolve("jars").resolve(shared)));
        }
        assertThat(fileNames(second.resolve("jars"))).contains("spark-core_2.12-3.5.5.jar").doesNotContain("spark-core_2.12-3.5.1.jar");
    }

    @Test
    void aReleaseMissingFromTheRepositoryNamesTheArtifact()
    {
        // Spark 3.5.6 (emr-7.13.0) publishes core, sql and hive but no spark-connect_2.12 here
        RuntimeRecipe recipe = recipe("3.5.6");

        assertThatThrownBy(() -> assembler.assemble(recipe))
                .isInstanceOfSatisfying(RuntimeAssemblyException.class, e -> assertThat(e.unresolved()).first().asString()
                        .startsWith("org.apache.spark:spark-connect_2.12:").endsWith(":3.5.6"))
                .hasMessageContaining("org.apache.spark:spark-connect_2.12:")
                .hasMessageContaining("3.5.6 was not found in " + MavenRepository.CENTRAL);
        assertThat(temp.resolve("runtimes").resolve(recipe.folderName())).doesNotExist();
    }

    private static RuntimeRecipe recipe(String sparkVersion)
    {
        return RuntimeRecipe.forLine(SparkLine.SPARK_3_5, sparkVersion, agentJar);
    }

    private static String sparkSubmitVersion(Path home)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SparkJavaOptions.MODULE_OPTIONS);
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", SparkJavaOptions.SPARK_SUBMIT_CLASS, "--version"));
        // output to a file, so that a JVM that never exits cannot block the read: it is killed after two minutes
        Path outputFile = Files.createTempFile(temp, "spark-submit", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(outputFile.toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        Process process = builder.start();
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(outputFile, StandardCharsets.UTF_8);
        assertThat(exited).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
