package io.emrys.compute.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.compute.driver.DriverLauncherConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class LocalProcessClusterTest
{
    @TempDir
    Path workDir;

    private LocalProcessCluster cluster;

    @BeforeEach
    void startCluster()
    {
        cluster = LocalProcessCluster.start(DriverLauncherConfig.defaults(), Clock.systemUTC(), Optional.empty(), Duration.ofMillis(100));
    }

    @AfterEach
    void closeCluster()
    {
        cluster.close();
    }

    @Test
    void aLocalProcessRefNamesThePid()
    {
        DriverRef ref = LocalProcessCluster.processRef(4242);

        assertThat(ref.value()).isEqualTo("local-process:4242");
        assertThat(LocalProcessCluster.processId(ref)).hasValue(4242);
    }

    @Test
    void theExitStatusADriverLeftInItsWorkDirIsReadBack()
            throws IOException
    {
        assertThat(cluster.recordedExit(workDir)).isEmpty();

        Files.writeString(workDir.resolve("exit-code"), "3\n", StandardCharsets.US_ASCII);

        assertThat(cluster.recordedExit(workDir)).hasValue(3);
    }

    @Test
    void anotherClusterManagersRefHasNoLocalPid()
    {
        assertThat(LocalProcessCluster.processId(new DriverRef("kubernetes:emrys/driver-1"))).isEmpty();
        assertThat(LocalProcessCluster.processId(new DriverRef("local-process:not-a-pid"))).isEmpty();
    }

    @Test
    void aRefIsNeverBlank()
    {
        assertThatThrownBy(() -> new DriverRef(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adoptsNothingForARefItDidNotMake()
    {
        DriverRef foreign = new DriverRef("kubernetes:emrys/driver-1");

        assertThat(cluster.adoptDriver(foreign, workDir)).isEmpty();
        assertThat(cluster.adoptConnectServer(foreign, workDir)).isEmpty();
    }

    @Test
    void adoptsNoExecutorHostWhereNoneWasStarted()
    {
        assertThat(cluster.adoptExecutorHost(workDir)).isEmpty();
    }

    @Test
    void stopsALeftoverDriverOnlyWhenItsCommandLineNamesTheWorkDir()
            throws Exception
    {
        Process stranger = new ProcessBuilder(List.of("sleep", "30")).start();
        Process leftover = new ProcessBuilder(List.of("/bin/sh", "-c", "sleep 30; : " + workDir)).start();
        try {
            writePid(stranger.pid());
            assertThat(cluster.stopLeftoverDriver(workDir)).isFalse();
            assertThat(stranger.isAlive()).isTrue();

            writePid(leftover.pid());
            assertThat(cluster.stopLeftoverDriver(workDir)).isTrue();
            assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        finally {
            stranger.destroyForcibly();
            leftover.destroyForcibly();
        }
    }

    private void writePid(long pid)
            throws IOException
    {
        Files.writeString(workDir.resolve("driver.pid"), Long.toString(pid), StandardCharsets.US_ASCII);
    }
}
