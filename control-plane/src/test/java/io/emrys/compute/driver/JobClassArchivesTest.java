package io.emrys.compute.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.TestingRuntimes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class JobClassArchivesTest
{
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path temp;

    @Test
    void mapsNothingUntilAnArchiveIsKept()
    {
        JobClassArchives archives = new JobClassArchives(Optional.of(temp.resolve("archives")), JAVA);
        SparkRuntime runtime = runtime();
        DriverPlan plan = plan("spark://127.0.0.1:7077");

        assertThat(archives.jvmOptions(runtime, JobClassArchives.Kind.DRIVER)).isEmpty();
        assertThat(archives.withArchives(plan, runtime)).isEqualTo(plan);
        assertThat(archives.complete(runtime)).isFalse();
        assertThat(JobClassArchives.none().withArchives(plan, runtime)).isEqualTo(plan);
    }

    @Test
    void putsTheDriversArchiveBeforeTheJobsOwnOptionsAndTheExecutorsBeforeTheJobsExecutorOptions()
            throws Exception
    {
        JobClassArchives archives = new JobClassArchives(Optional.of(temp.resolve("archives")), JAVA);
        SparkRuntime runtime = runtime();
        for (JobClassArchives.Kind kind : JobClassArchives.Kind.values()) {
            archives.keep(recording(kind.name()), runtime, kind);
        }
        Path driver = archives.archive(runtime, JobClassArchives.Kind.DRIVER).orElseThrow();
        Path executor = archives.archive(runtime, JobClassArchives.Kind.EXECUTOR).orElseThrow();

        DriverPlan placed = archives.withArchives(plan("spark://127.0.0.1:7077"), runtime);
        DriverPlan local = archives.withArchives(plan("local[1]"), runtime);

        assertThat(archives.complete(runtime)).isTrue();
        assertThat(placed.javaCommand()).containsExactly("java", "-XX:SharedArchiveFile=" + driver, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Xmx1g", "-XX:+UseG1GC", "-cp", "jars/*", "Main");
        assertThat(placed.sparkProperties()).containsEntry("spark.executor.extraJavaOptions",
                "-XX:SharedArchiveFile=" + executor + " -Xlog:cds=off -Xlog:cds+dynamic=off -Dthe.jobs=own");
        assertThat(local.sparkProperties()).containsEntry("spark.executor.extraJavaOptions", "-Dthe.jobs=own");
        assertThat(archives.jvmOptions(runtime, JobClassArchives.Kind.HOST))
                .containsExactly("-XX:SharedArchiveFile=" + archives.archive(runtime, JobClassArchives.Kind.HOST).orElseThrow(), "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off");
    }

    @Test
    void leavesItsArchivesOutForAJobThatChoosesClassDataSharingItself()
            throws Exception
    {
        JobClassArchives archives = new JobClassArchives(Optional.of(temp.resolve("archives")), JAVA);
        SparkRuntime runtime = runtime();
        for (JobClassArchives.Kind kind : JobClassArchives.Kind.values()) {
            archives.keep(recording(kind.name()), runtime, kind);
        }
        DriverPlan own = new DriverPlan(new DriverWorkDir(temp.resolve("driver")), List.of("java", "-Xshare:off", "-cp", "jars/*", "Main"),
                Map.of("spark.master", "spark://127.0.0.1:7077", "spark.driver.extraJavaOptions", "-Xshare:off",
                        "spark.executor.extraJavaOptions", "-XX:ArchiveClassesAtExit=/tmp/mine.jsa"),
                Optional.empty(), Map.of(), 1, new MemorySize(1024), 4040);

        assertThat(archives.withArchives(own, runtime)).isEqualTo(own);
    }

    @Test
    void keepsTheFirstArchiveOwnerOnly()
            throws Exception
    {
        JobClassArchives archives = new JobClassArchives(Optional.of(temp.resolve("archives")), JAVA);
        SparkRuntime runtime = runtime();

        archives.keep(recording("first"), runtime, JobClassArchives.Kind.DRIVER);
        Path second = recording("second");
        archives.keep(second, runtime, JobClassArchives.Kind.DRIVER);

        Path kept = archives.archive(runtime, JobClassArchives.Kind.DRIVER).orElseThrow();
        assertThat(kept).hasContent("first");
        assertThat(second).doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-------");
        assertThat(archives.archive(runtime, JobClassArchives.Kind.EXECUTOR)).isNotEqualTo(Optional.of(kept));
    }

    @Test
    void aJvmStartsWithAnArchiveThatDoesNotMatchItsClassPathOrIsNoArchiveAtAll()
            throws Exception
    {
        JobClassArchives archives = new JobClassArchives(Optional.of(temp.resolve("archives")), JAVA);
        SparkRuntime runtime = runtime();
        // a real archive, recorded by a JVM with another class path
        Path other = temp.resolve("other.jsa");
        assertThat(run(List.of("-XX:ArchiveClassesAtExit=" + other, "-cp", temp.resolve("missing.jar").toString(), "-version")).exitValue).isZero();
        assertThat(other).isNotEmptyFile();
        archives.keep(other, runtime, JobClassArchives.Kind.DRIVER);
        archives.keep(recording("not an archive"), runtime, JobClassArchives.Kind.EXECUTOR);

        for (JobClassArchives.Kind kind : List.of(JobClassArchives.Kind.DRIVER, JobClassArchives.Kind.EXECUTOR)) {
            List<String> command = new ArrayList<>(archives.jvmOptions(runtime, kind));
            assertThat(command).isNotEmpty();
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClassArchiveProbe.class.getName()));
            Run probe = run(command);
            assertThat(probe.exitValue).as(probe.output).isZero();
            // quietly: the JVM's output is the job's own
            assertThat(probe.output).isEqualTo("started\n");
        }
    }

    private Path recording(String content)
            throws Exception
    {
        Path file = Files.createTempFile(temp, "recording", ".jsa");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private SparkRuntime runtime()
    {
        return TestingRuntimes.emrSpark80(temp.resolve("runtime"));
    }

    private DriverPlan plan(String master)
    {
        return new DriverPlan(new DriverWorkDir(temp.resolve("driver")), List.of("java", "-Xmx1g", "-XX:+UseG1GC", "-cp", "jars/*", "Main"),
                Map.of("spark.master", master, "spark.executor.extraJavaOptions", "-Dthe.jobs=own"), Optional.empty(), Map.of(), 1, new MemorySize(1024), 4040);
    }

    private record Run(int exitValue, String output) {}

    private static Run run(List<String> arguments)
            throws Exception
    {
        List<String> command = new ArrayList<>(List.of(JAVA.toString()));
        command.addAll(arguments);
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(java.exitValue(), output);
    }
}
