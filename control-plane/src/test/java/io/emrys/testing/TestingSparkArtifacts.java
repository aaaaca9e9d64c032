package io.emrys.testing;

import static org.assertj.core.api.Assertions.fail;

import io.emrys.compute.runtime.ProjectRoot;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.SparkRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds what the Maven build produced before the control plane's tests run: the emr-spark-8.0 runtime and the
 * test-jobs jar. A missing artifact fails the test with the command that builds it, rather than skipping.
 */
public final class TestingSparkArtifacts
{
    private TestingSparkArtifacts() {}

    public static Path projectRoot()
    {
        return ProjectRoot.find(Path.of(""));
    }

    public static SparkRuntime runtime()
    {
        Path folder = projectRoot().resolve("runtimes/spark-4.0/target/spark-4.0.1");
        if (!Files.isDirectory(folder.resolve("jars"))) {
            fail("The Spark runtime is not built (%s is missing). Build it first: mvn -f runtimes/spark-4.0/pom.xml package", folder);
        }
        return RuntimeCatalog.forProjectRoot(projectRoot()).runtime("emr-spark-8.0");
    }

    public static Path testJobsJar()
    {
        Path target = projectRoot().resolve("test-jobs/target");
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
            fail("The test jobs jar is not built (no %s/emrys-test-jobs-*.jar). Build it first: mvn -f test-jobs/pom.xml package", target);
        }
        return jar.get();
    }
}
