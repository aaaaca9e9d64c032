package io.emrys.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProcessClassifierTest
{
    private static final Path DATA = Path.of("/tmp/emrys-bench1/data");
    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";
    /** The launcher's wrapper, the usual parent of a driver JVM. */
    private static final List<String> SHELL = List.of("/bin/sh", "-c", "...", "emrys-driver");
    private final ProcessClassifier classifier = new ProcessClassifier(100, DATA);

    @Test
    void theRootIsTheControlPlane()
    {
        assertThat(classifier.kind(100, List.of(JAVA, "io.emrys.Main", "server"), List.of("java", "io.emrys.bench.BenchMain"), Optional.empty()))
                .contains(ProcessKind.CONTROL_PLANE);
    }

    @Test
    void executorsAndTheStandaloneHostAreKnownByTheirMainClass()
    {
        List<String> host = List.of(JAVA, "-cp", "x", ProcessClassifier.STANDALONE_HOST_CLASS);
        // Executors may well run below the pool folder; their main class decides.
        assertThat(classifier.kind(7, List.of(JAVA, "-cp", "x", ProcessClassifier.EXECUTOR_CLASS, "--driver-url", "spark://a"), host,
                Optional.of(DATA.resolve("pool/app/host/work")))).contains(ProcessKind.EXECUTOR);
        assertThat(classifier.kind(8, host, List.of(JAVA, "io.emrys.Main", "server"), Optional.of(DATA.resolve("applications/app"))))
                .contains(ProcessKind.STANDALONE_HOST);
    }

    @Test
    void aDriverWhoseWorkDirIsInThePoolIsWarm()
    {
        assertThat(classifier.kind(9, List.of(JAVA, "-cp", "x", "org.apache.spark.deploy.SparkSubmit"), SHELL, Optional.of(DATA.resolve("pool/app/w-1"))))
                .contains(ProcessKind.WARM_DRIVER);
        assertThat(classifier.kind(9, List.of(JAVA, "-Djava.io.tmpdir=" + DATA.resolve("pool/app/w-1/tmp"), "io.emrys.agent.Warm"), SHELL, Optional.empty()))
                .contains(ProcessKind.WARM_DRIVER);
    }

    @Test
    void driversStartedOnDemandAreJobOrConnectDrivers()
    {
        Optional<Path> workDir = Optional.of(DATA.resolve("applications/app/jobs/run/attempt-1"));
        assertThat(classifier.kind(10, List.of(JAVA, "org.apache.spark.deploy.SparkSubmit", "--class", "io.emrys.testjobs.Trivial"), SHELL, workDir))
                .contains(ProcessKind.JOB_DRIVER);
        assertThat(classifier.kind(11, List.of(JAVA, "org.apache.spark.deploy.SparkSubmit", "--class", "org.apache.spark.sql.connect.service.SparkConnectServer"),
                SHELL, workDir)).contains(ProcessKind.CONNECT_DRIVER);
    }

    @Test
    void aFolderThatOnlyStartsLikeThePoolIsNotThePool()
    {
        assertThat(classifier.kind(12, List.of(JAVA, "org.apache.spark.deploy.SparkSubmit"), SHELL, Optional.of(Path.of("/tmp/emrys-bench1/data/pool-old/x"))))
                .contains(ProcessKind.JOB_DRIVER);
    }

    @Test
    void aForkThatHasNotExecedYetIsNotAJvmOfItsOwn()
    {
        List<String> driver = List.of(JAVA, "org.apache.spark.deploy.SparkSubmit", "--class", "org.apache.spark.sql.connect.service.SparkConnectServer");

        assertThat(classifier.kind(16, driver, driver, Optional.of(DATA.resolve("applications/app/sessions/s")))).isEmpty();
    }

    @Test
    void otherJvmsAreOtherAndNonJvmsHaveNoKind()
    {
        assertThat(classifier.kind(13, List.of(JAVA, "org.apache.spark.deploy.history.HistoryServer"), List.of(JAVA, "io.emrys.Main"), Optional.empty()))
                .contains(ProcessKind.OTHER_JVM);
        assertThat(classifier.kind(14, SHELL, List.of(JAVA, "io.emrys.Main"), Optional.of(DATA.resolve("pool/app/w-1")))).isEmpty();
        assertThat(classifier.kind(15, List.of(), List.of(), Optional.empty())).isEmpty();
    }
}
