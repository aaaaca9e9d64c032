package io.emrys.compute.config;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class SparkConfigurationTest
{
    @Test
    void jobLevelOverridesApplicationLevelKeyByKey()
    {
        List<Classification> application = List.of(
                new Classification("spark-defaults", Map.of("spark.executor.cores", "2", "spark.sql.shuffle.partitions", "10")),
                new Classification("spark-driver-log4j2", Map.of("rootLogger.level", "warn")));
        List<Classification> job = List.of(
                new Classification("spark-defaults", Map.of("spark.sql.shuffle.partitions", "4")),
                new Classification("spark-executor-log4j2", Map.of("rootLogger.level", "error")));

        SparkConfiguration merged = SparkConfiguration.merge(application, job);

        assertThat(merged.sparkDefaults()).containsExactlyInAnyOrderEntriesOf(Map.of("spark.executor.cores", "2", "spark.sql.shuffle.partitions", "4"));
        assertThat(merged.driverLog4j2()).containsExactlyEntriesOf(Map.of("rootLogger.level", "warn"));
        assertThat(merged.executorLog4j2()).containsExactlyEntriesOf(Map.of("rootLogger.level", "error"));
    }

    @Test
    void noClassificationsMergeToEmpty()
    {
        assertThat(SparkConfiguration.merge(List.of(), List.of())).isEqualTo(SparkConfiguration.EMPTY);
    }

    @Test
    void rejectsUnknownClassification()
    {
        assertThatThrownBy(() -> SparkConfiguration.merge(List.of(), List.of(new Classification("hive-site", Map.of("a", "b")))))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining("hive-site")
                .hasMessageContaining("spark-defaults, spark-driver-log4j2, spark-executor-log4j2");
    }

    @Test
    void rejectsNestedConfigurations()
    {
        Classification nested = new Classification("spark-defaults", Map.of(), List.of(new Classification("spark-defaults", Map.of())));

        assertThatThrownBy(() -> SparkConfiguration.merge(List.of(nested), List.of()))
                .isInstanceOf(EmrysException.class)
                .hasMessageContaining("nested");
    }
}
