package io.emrys.compute.standalone;

import io.emrys.testing.TestingRuntimes;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.runtime.SparkRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class StandaloneHostLauncherTest
{
    private static final Path JAVA = Path.of("/opt/jdk/bin/java");
    private static final SparkRuntime RUNTIME = TestingRuntimes.emrSpark80(Path.of("/opt/emrys/runtimes/spark-4.0.1"));

    private final StandaloneHostLauncher launcher = new StandaloneHostLauncher(new DriverLauncherConfig(JAVA, 4, new MemorySize(14 * 1024), 20, Duration.ofMillis(250)));

    @TempDir
    Path temp;

    @Test
    void runsTheAgentsStandaloneHostFromTheRuntimeWithSparksModuleOptions()
    {
        StandaloneHostFiles files = new StandaloneHostFiles(Path.of("/data/hosts/h1"));

        List<String> command = launcher.command(RUNTIME, files, 2, 2048, List.of());

        assertThat(command.get(0)).isEqualTo(JAVA.toString());
        assertThat(command).containsSubsequence(SparkJavaOptions.MODULE_OPTIONS);
        assertThat(command).contains("-Djava.io.tmpdir=/data/hosts/h1/tmp");
        assertThat(command).containsSubsequence("-cp",
                "/opt/emrys/runtimes/spark-4.0.1/jars/*:/opt/emrys/runtimes/spark-4.0.1/agent/emrys-driver-agent.jar",
                "io.emrys.agent.StandaloneHost", "--work-dir", "/data/hosts/h1", "--cores", "2", "--memory-mb", "2048");
    }

    @Test
    void rejectsNonPositiveResources()
    {
        assertThatThrownBy(() -> launcher.start(RUNTIME, temp, 0, 1024)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cores");
        assertThatThrownBy(() -> launcher.start(RUNTIME, temp, 1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memoryMb");
    }

    @Test
    void adoptsNeitherAnotherProgramNorADeadPid()
    {
        assertThat(StandaloneHost.adopt(ProcessHandle.current().pid(), temp)).isEmpty();
        assertThat(StandaloneHost.adopt(Long.MAX_VALUE, temp)).isEmpty();
    }
}
