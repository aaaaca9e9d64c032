package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrys.store.Database;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code emr_clusters} documents: a cluster's applications and Configurations outlive a restart of the server. */
@Timeout(30)
class ClusterDaoTest
{
    private final ClusterDao dao = new ClusterDao();

    @TempDir
    Path dataDir;

    @Test
    void aClustersConfigurationsAndBootstrapActionsReadBackAsGivenNestedExportAndPropertyOrderIncluded()
    {
        Jdbi jdbi = Database.openSqlite(dataDir.resolve("emrys.db")).jdbi();
        Map<String, String> ordered = new java.util.LinkedHashMap<>();
        ordered.put("spark.sql.shuffle.partitions", "4");
        ordered.put("spark.executor.memory", "1g");
        ordered.put("spark.app.name", "x");
        List<Configuration> configurations = List.of(new Configuration("spark-defaults", ordered, List.of()),
                new Configuration("spark-env", Map.of(), List.of(new Configuration("export", Map.of("PYSPARK_PYTHON", "python3"), List.of()))),
                new Configuration("hive-site", Map.of("hive.metastore.warehouse.dir", "s3://b/w/"), List.of()));
        EmrCluster cluster = cluster(new ClusterSpec("hive", "emr-7.2.0", Optional.empty(), List.of("Spark", "Hive"), Optional.empty(), Optional.empty(),
                false, false, true, List.of(new GroupSpec("Master", "MASTER", "ON_DEMAND", "m5.xlarge", 1)), List.of(), Map.of(), configurations,
                List.of(new BootstrapAction("tools", "s3://b/bootstrap/install.sh", List.of("--fast", "2")))));

        jdbi.useHandle(handle -> dao.insert(handle, cluster));

        ClusterSpec stored = Database.openSqlite(dataDir.resolve("emrys.db")).jdbi().withHandle(dao::all).get(0).spec();
        assertThat(stored.configurations()).isEqualTo(configurations);
        assertThat(stored.configurations().get(0).properties().keySet()).containsExactly("spark.sql.shuffle.partitions", "spark.executor.memory",
                "spark.app.name");
        assertThat(stored.hasHive()).isTrue();
        assertThat(stored.bootstrapActions()).containsExactly(new BootstrapAction("tools", "s3://b/bootstrap/install.sh", List.of("--fast", "2")));
        assertThat(stored.applied().environment()).containsExactlyEntriesOf(Map.of("PYSPARK_PYTHON", "python3"));
    }

    @Test
    void aDocumentFromBeforeConfigurationsWereKeptReadsItsSparkDefaultsAsThatConfiguration()
    {
        Jdbi jdbi = Database.openSqlite(dataDir.resolve("emrys.db")).jdbi();
        EmrCluster cluster = cluster(new ClusterSpec("old", "emr-7.2.0", Optional.empty(), List.of("Spark"), Optional.empty(), Optional.empty(), false,
                false, true, List.of(), List.of(), Map.of(), List.of(), List.of()));
        jdbi.useHandle(handle -> {
            dao.insert(handle, cluster);
            // what the first cut of the cluster API stored: spark-defaults' properties only, under sparkDefaults
            handle.execute("UPDATE emr_clusters SET document = json_set(json_remove(document, '$.spec.configurations'), '$.spec.sparkDefaults', "
                    + "json('{\"spark.emrys.marker\":\"old\"}'))");
        });

        ClusterSpec stored = jdbi.withHandle(dao::all).get(0).spec();

        assertThat(stored.configurations()).containsExactly(new Configuration("spark-defaults", Map.of("spark.emrys.marker", "old"), List.of()));
        assertThat(stored.bootstrapActions()).as("none were kept then").isEmpty();
    }

    private static EmrCluster cluster(ClusterSpec spec)
    {
        return new EmrCluster("j-0000000000001", "arn:aws:elasticmapreduce:us-east-1:000000000000:cluster/j-0000000000001", spec, "TERMINATED",
                Optional.empty(), Instant.ofEpochSecond(1_000), Optional.empty(), Optional.of(Instant.ofEpochSecond(2_000)), Optional.empty(), false, false,
                true, Map.of(), List.of(), List.of(), List.of(), Optional.empty(), 1);
    }
}
