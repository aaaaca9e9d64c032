package io.emrys.dashboard;

import io.emrys.testing.TestingRuntimes;
import io.emrys.compute.runtime.SparkRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Process handling of the history server without Spark: a runtime without jars makes every start fail fast. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class SparkHistoryServerIntegrationTest
{
    @TempDir
    Path temp;

    @Test
    void startStopsTheServerAPreviousControlPlaneLeftBehindButNoOtherProcess()
            throws Exception
    {
        HistoryServerConfig config = HistoryServerConfig.defaults(temp.resolve("spark-history"));
        Files.createDirectories(config.home());
        String marker = "-Dspark.history.fs.logDirectory=" + config.eventLogDirectoryUri();
        Process leftover = new ProcessBuilder("/bin/sh", "-c", "sleep 120", marker).start();
        Process stranger = new ProcessBuilder("/bin/sh", "-c", "sleep 120", "unrelated").start();
        try {
            Files.writeString(config.pidFile(), Long.toString(leftover.pid()));
            try (SparkHistoryServer server = new SparkHistoryServer(config, () -> runtimeWithoutJars())) {
                assertThatThrownBy(() -> server.port().join())
                        .isInstanceOf(CompletionException.class)
                        .hasMessageContaining("exited with status");
            }
            assertThat(leftover.waitFor(20, TimeUnit.SECONDS)).isTrue();

            Files.writeString(config.pidFile(), Long.toString(stranger.pid()));
            try (SparkHistoryServer server = new SparkHistoryServer(config, () -> runtimeWithoutJars())) {
                assertThatThrownBy(() -> server.port().join()).isInstanceOf(CompletionException.class);
            }
            assertThat(stranger.isAlive()).isTrue();
        }
        finally {
            leftover.destroyForcibly();
            stranger.destroyForcibly();
        }
    }

    @Test
    void failedStartIsRetriedOnTheNextRequest()
    {
        HistoryServerConfig config = HistoryServerConfig.defaults(temp.resolve("spark-history"));
        try (SparkHistoryServer server = new SparkHistoryServer(config, () -> runtimeWithoutJars())) {
            assertThatThrownBy(() -> server.port().join()).isInstanceOf(CompletionException.class);
            assertThatThrownBy(() -> server.port().join()).isInstanceOf(CompletionException.class);
        }
        assertThat(config.logFile()).content().containsPattern("(?s)HistoryServer.*HistoryServer");
    }

    private SparkRuntime runtimeWithoutJars()
    {
        try {
            return TestingRuntimes.emrSpark80(Files.createDirectories(temp.resolve("no-spark/jars")).getParent());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
