package io.emrys.compute.driver;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorJavaOptionsTest
{
    private static final String STANDALONE = "spark://127.0.0.1:7077";
    private static final Path FILE = Path.of("/data/runs/00abc/executor-java.args");

    @Test
    void movesTheDefaultThenTheExtraOptionsOfStandaloneExecutorsIntoTheFile()
    {
        Map<String, String> properties = Map.of("spark.master", STANDALONE,
                "spark.executor.defaultJavaOptions", "-XX:SharedArchiveFile=/a/job-executor.jsa",
                "spark.executor.extraJavaOptions", "-Dtoken='s3cret value' -Dlog4j2.configurationFile=file:/x");

        assertThat(ExecutorJavaOptions.movable(properties))
                .hasValue(List.of("-XX:SharedArchiveFile=/a/job-executor.jsa", "-Dtoken=s3cret value", "-Dlog4j2.configurationFile=file:/x"));
        assertThat(ExecutorJavaOptions.pointedAt(properties, FILE))
                .containsEntry("spark.executor.extraJavaOptions", "@" + FILE)
                .doesNotContainKey("spark.executor.defaultJavaOptions")
                .containsEntry("spark.master", STANDALONE);
    }

    @Test
    void leavesOptionsAloneWithoutExecutorJvmsOrWhenThereAreNone()
    {
        assertThat(ExecutorJavaOptions.movable(Map.of("spark.master", "local[4]", "spark.executor.extraJavaOptions", "-Dtoken=s3cret"))).isEmpty();
        assertThat(ExecutorJavaOptions.movable(Map.of("spark.master", STANDALONE, "spark.executor.extraJavaOptions", " "))).isEmpty();
        assertThat(ExecutorJavaOptions.movable(Map.of("spark.master", STANDALONE))).isEmpty();
    }

    @Test
    void leavesOptionsThatSparkRefusesWhereSparkRefusesThemWithItsOwnMessage()
    {
        assertThat(ExecutorJavaOptions.movable(Map.of("spark.master", STANDALONE, "spark.executor.extraJavaOptions", "-Xmx8g"))).isEqualTo(Optional.empty());
        assertThat(ExecutorJavaOptions.movable(Map.of("spark.master", STANDALONE, "spark.executor.extraJavaOptions", "-Dspark.foo=1"))).isEmpty();
    }
}
