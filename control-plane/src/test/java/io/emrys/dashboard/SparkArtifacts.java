package io.emrys.dashboard;

import io.emrys.compute.ProjectRoot;
import io.emrys.compute.RuntimeCatalog;
import io.emrys.compute.SparkRuntime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/** The Maven-built Spark runtime and test-jobs jar; a missing one fails the test with the command that builds it. */
final class SparkArtifacts
{
    private SparkArtifacts() {}

    static SparkRuntime runtime()
    {
        Path root = ProjectRoot.find(Path.of(""));
        if (!Files.isDirectory(root.resolve("runtimes/spark-4.0/target/emr-spark-8.0/jars"))) {
            fail("The Spark runtime is not built. Build it first: mvn -f runtimes/spark-4.0/pom.xml package");
        }
        return RuntimeCatalog.forProjectRoot(root).runtime("emr-spark-8.0");
    }

    static Path testJobsJar()
    {
        Path target = ProjectRoot.find(Path.of("")).resolve("test-jobs/target");
        Optional<Path> jar = Optional.empty();
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jar = files.filter(file -> {
                    String name = file.getFileName().toString();
                    return name.startsWith("emrys-test-jobs-") && name.endsWith(".jar") && !name.endsWith("-sources.jar");
                }).findFirst();
            }
            catch (IOException e) {
                fail("Cannot list " + target, e);
            }
        }
        if (jar.isEmpty()) {
            fail("The test jobs jar is not built. Build it first: mvn -f test-jobs/pom.xml package");
        }
        return jar.get();
    }
}
