package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunJobFlow's Configurations as a cluster's steps get them, and the ones refused, without starting a cluster. */
class ClusterConfigurationsTest
{
    @TempDir
    Path clusterDir;

    @Test
    void sparkEnvExportHiveSiteAndSparkDefaultsAreReadWithSparkHiveSiteOverHiveSite()
    {
        ClusterConfigurations read = ClusterConfigurations.of(List.of(
                configuration("spark-defaults", Map.of("spark.sql.shuffle.partitions", "4")),
                new Configuration("spark-env", Map.of(), List.of(configuration("export", Map.of("PYSPARK_PYTHON", "/usr/bin/python3", "TEAM", "data")))),
                configuration("hive-site", Map.of("hive.exec.dynamic.partition.mode", "strict", "hive.metastore.client.socket.timeout", "300")),
                configuration("spark-hive-site", Map.of("hive.exec.dynamic.partition.mode", "nonstrict")),
                configuration("spark", Map.of("maximizeResourceAllocation", "false"))));

        assertThat(read.sparkDefaults()).containsExactlyEntriesOf(Map.of("spark.sql.shuffle.partitions", "4"));
        assertThat(read.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("PYSPARK_PYTHON", "/usr/bin/python3", "TEAM", "data"));
        assertThat(read.hiveSite()).containsExactlyInAnyOrderEntriesOf(Map.of("hive.exec.dynamic.partition.mode", "nonstrict",
                "hive.metastore.client.socket.timeout", "300"));
    }

    @Test
    void aClassificationThisServerDoesNotApplyIsRefusedInAwsWords()
    {
        assertRefused(List.of(configuration("spark-log4j2", Map.of("rootLogger.level", "warn"))),
                "Classification 'spark-log4j2' is not valid for parent classification 'null'.");
        assertRefused(List.of(configuration("yarn-site", Map.of())), "Classification 'yarn-site' is not valid");
        assertRefused(List.of(new Configuration("", Map.of(), List.of())), "Classification '' is not valid");
    }

    @Test
    void nestedConfigurationsAreAcceptedOnlyAsSparkEnvsExport()
    {
        assertRefused(List.of(new Configuration("spark-env", Map.of(), List.of(configuration("exports", Map.of("A", "1"))))),
                "Classification 'exports' is not valid for parent classification 'spark-env'.");
        assertRefused(List.of(new Configuration("spark-defaults", Map.of(), List.of(configuration("export", Map.of())))),
                "Classification 'export' is not valid for parent classification 'spark-defaults'.");
        assertRefused(List.of(new Configuration("spark-env", Map.of(), List.of(new Configuration("export", Map.of(), List.of(configuration("x", Map.of())))))),
                "Classification 'x' is not valid for parent classification 'export'.");
        assertRefused(List.of(configuration("spark-env", Map.of("PYSPARK_PYTHON", "python3"))), "its nested 'export' configuration");
    }

    @Test
    void maximizeResourceAllocationIsRefusedUnlessFalse()
    {
        assertRefused(List.of(configuration("spark", Map.of("maximizeResourceAllocation", "true"))), "maximizeResourceAllocation=true is not supported");
        assertRefused(List.of(configuration("spark", Map.of("somethingElse", "1"))), "'somethingElse'");
    }

    @Test
    void anExportCannotChangeWhatTheServerSetsNorUseANameNoShellCould()
    {
        assertRefused(List.of(export(Map.of("JAVA_HOME", "/usr/lib/jvm/java-17"))), "JAVA_HOME");
        assertRefused(List.of(export(Map.of("SPARK_HOME", "/usr/lib/spark"))), "SPARK_HOME");
        assertRefused(List.of(export(Map.of("NOT-A-NAME", "1"))), "'NOT-A-NAME'");
    }

    @Test
    void aHiveClustersStepsShareAnOwnerOnlyDerbyMetastoreAndWarehouseInTheClusterFolder()
            throws Exception
    {
        ClusterSpec spec = spec(List.of("Spark", "hive"), List.of(export(Map.of("GREETING", "hello")), configuration("spark-defaults",
                Map.of("spark.executorEnv.GREETING", "from-defaults"))));

        StepSettings settings = StepSettings.of(spec, clusterDir);

        Path hive = clusterDir.resolve("hive").toAbsolutePath();
        assertThat(settings.sparkDefaults())
                .containsEntry("spark.sql.catalogImplementation", "hive")
                .containsEntry("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + hive.resolve("metastore_db") + ";create=true")
                .containsEntry("spark.sql.warehouse.dir", hive.resolve("warehouse").toUri().toString())
                .as("spark-defaults come last, so they win").containsEntry("spark.executorEnv.GREETING", "from-defaults");
        assertThat(settings.environment()).containsExactlyEntriesOf(Map.of("GREETING", "hello"));
        assertThat(settings.driverSystemProperties()).containsEntry("derby.system.home", hive.toString())
                .containsEntry("derby.stream.error.file", hive.resolve("derby.log").toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hive))).isEqualTo("rwx------");
    }

    @Test
    void aWarehouseTheUserNamesIsKeptAndHiveSiteReachesTheHiveClientAsSparkHadoopProperties()
    {
        ClusterSpec spec = spec(List.of("Spark", "Hive"), List.of(configuration("hive-site", Map.of("hive.metastore.warehouse.dir", "s3://bucket/warehouse/",
                "javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=/elsewhere;create=true"))));

        Map<String, String> properties = StepSettings.of(spec, clusterDir).sparkDefaults();

        assertThat(properties).doesNotContainKey("spark.sql.warehouse.dir")
                .containsEntry("spark.hadoop.hive.metastore.warehouse.dir", "s3://bucket/warehouse/")
                .as("a hive-site metastore wins over the cluster's own").containsEntry("spark.hadoop.javax.jdo.option.ConnectionURL",
                        "jdbc:derby:;databaseName=/elsewhere;create=true");
    }

    @Test
    void aSparkOnlyClusterHasNoHiveCatalogNorMetastoreFolder()
    {
        StepSettings settings = StepSettings.of(spec(List.of("Spark"), List.of(export(Map.of("A", "1")))), clusterDir);

        assertThat(settings.sparkDefaults()).containsExactlyEntriesOf(Map.of("spark.executorEnv.A", "1"));
        assertThat(settings.driverSystemProperties()).isEmpty();
        assertThat(clusterDir.resolve("hive")).doesNotExist();
    }

    private static ClusterSpec spec(List<String> applications, List<Configuration> configurations)
    {
        return new ClusterSpec("c", "emr-7.2.0", Optional.empty(), applications, Optional.empty(), Optional.empty(), false, false, true, List.of(),
                List.of(), Map.of(), configurations, List.of());
    }

    private static Configuration export(Map<String, String> variables)
    {
        return new Configuration("spark-env", Map.of(), List.of(configuration("export", new LinkedHashMap<>(variables))));
    }

    private static Configuration configuration(String classification, Map<String, String> properties)
    {
        return new Configuration(classification, properties, List.of());
    }

    private static void assertRefused(List<Configuration> configurations, String message)
    {
        assertThatThrownBy(() -> ClusterConfigurations.of(configurations))
                .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                .hasMessageContaining(message);
    }
}
