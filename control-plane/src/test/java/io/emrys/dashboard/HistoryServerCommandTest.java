package io.emrys.dashboard;

import io.emrys.testing.TestingRuntimes;
import io.emrys.compute.runtime.SparkRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class HistoryServerCommandTest
{
    @Test
    void commandRunsTheHistoryServerFromTheRuntimeOnTheGivenPortWithLinksBackThroughEmrys()
    {
        HistoryServerConfig config = HistoryServerConfig.defaults(Path.of("/data/spark-history"));
        SparkRuntime runtime = TestingRuntimes.emrSpark80(Path.of("/opt/emr-spark-8.0"));

        List<String> command = HistoryServerCommand.command(config, runtime, 18080);

        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).contains(
                "-Xmx512m",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-Dspark.history.fs.logDirectory=file:///data/spark-history/event-logs",
                "-Dspark.history.fs.update.interval=2000ms",
                "-Dspark.history.ui.port=18080",
                "-Dspark.port.maxRetries=0",
                "-Dspark.ui.proxyBase=/dashboard/spark-history");
        assertThat(command.subList(command.size() - 3, command.size()))
                .containsExactly("-cp", "/opt/emr-spark-8.0/jars/*", "org.apache.spark.deploy.history.HistoryServer");
    }
}
