package io.emrys.compute.warm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class WarmDriverFitTest
{
    private static final Map<String, String> WARM = Map.of(
            "spark.master", "local[1]",
            "spark.executor.memory", "1g",
            "spark.app.name", "Emrys warm driver",
            "spark.ui.port", "40001",
            "spark.sql.shuffle.partitions", "8");

    @Test
    void sameSettingsFit()
    {
        assertThat(WarmDriverFit.whyCold(WARM, WARM, Set.of())).isEmpty();
    }

    @Test
    void differentFixedSettingIsNamedWithBothValues()
    {
        Map<String, String> wanted = with(WARM, "spark.executor.memory", "2g");

        assertThat(WarmDriverFit.whyCold(WARM, wanted, Set.of()))
                .hasValue("spark.executor.memory is 2g here but 1g on the pre-initialized drivers");
    }

    @Test
    void settingMissingOnEitherSideIsADifference()
    {
        assertThat(WarmDriverFit.whyCold(WARM, with(WARM, "spark.serializer", "org.apache.spark.serializer.KryoSerializer"), Set.of()))
                .hasValue("spark.serializer is org.apache.spark.serializer.KryoSerializer here but not set on the pre-initialized drivers");
        Map<String, String> withoutMemory = new LinkedHashMap<>(WARM);
        withoutMemory.remove("spark.executor.memory");
        assertThat(WarmDriverFit.whyCold(WARM, withoutMemory, Set.of()))
                .hasValue("spark.executor.memory is not set here but 1g on the pre-initialized drivers");
    }

    @Test
    void appNameAndIgnoredPerRunKeysMayDiffer()
    {
        Map<String, String> wanted = with(with(WARM, "spark.app.name", "nightly"), "spark.ui.port", "40002");

        assertThat(WarmDriverFit.whyCold(WARM, wanted, Set.of("spark.ui.port"))).isEmpty();
        assertThat(WarmDriverFit.whyCold(WARM, wanted, Set.of())).hasValue("spark.ui.port is 40002 here but 40001 on the pre-initialized drivers");
    }

    @Test
    void theWarmDriversOwnSparkConnectBindingIsNoDifference()
    {
        Map<String, String> warm = with(with(WARM, "spark.connect.grpc.binding.port", "15002"), "spark.connect.grpc.binding.address", "127.0.0.1");

        assertThat(WarmDriverFit.whyCold(warm, WARM, Set.of())).isEmpty();
    }

    @Test
    void runtimeSqlSettingsMayDifferAndAreAppliedAtHandoff()
    {
        Map<String, String> wanted = with(with(WARM, "spark.sql.shuffle.partitions", "200"), "spark.sql.ansi.enabled", "false");

        assertThat(WarmDriverFit.whyCold(WARM, wanted, Set.of())).isEmpty();
        assertThat(WarmDriverFit.runtimeSqlConf(WARM, wanted))
                .containsExactlyInAnyOrderEntriesOf(Map.of("spark.sql.shuffle.partitions", "200", "spark.sql.ansi.enabled", "false"));
        assertThat(WarmDriverFit.runtimeSqlConf(WARM, WARM)).isEmpty();
    }

    @Test
    void runtimeSqlSettingOnlyTheWarmDriverHasWouldLeakIntoTheJob()
    {
        Map<String, String> wanted = new LinkedHashMap<>(WARM);
        wanted.remove("spark.sql.shuffle.partitions");

        assertThat(WarmDriverFit.whyCold(WARM, wanted, Set.of()))
                .hasValue("spark.sql.shuffle.partitions is not set here but 8 on the pre-initialized drivers");
    }

    @Test
    void staticSqlSettingsNeedAColdDriver()
    {
        assertThat(WarmDriverFit.whyCold(WARM, with(WARM, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension"), Set.of()))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("spark.sql.extensions is io.delta.sql.DeltaSparkSessionExtension here"));
        assertThat(WarmDriverFit.whyCold(WARM, with(WARM, "spark.sql.warehouse.dir", "/tmp/wh"), Set.of())).isPresent();
    }

    @Test
    void runtimeSqlRuleExcludesStaticKeysAndPrefixes()
    {
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.shuffle.partitions")).isTrue();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.adaptive.enabled")).isTrue();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.session.timeZone")).isTrue();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.catalogImplementation")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.warehouse.dir")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.extensions")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.hive.metastore.version")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.hive.convertMetastoreParquet")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.legacy.timeParserPolicy")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.catalog.glue")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.sql.ui.retainedExecutions")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.executor.memory")).isFalse();
        assertThat(WarmDriverFit.isRuntimeSqlSetting("spark.hadoop.fs.s3a.endpoint")).isFalse();
    }

    @Test
    void firstDifferenceFollowsTheWantedOrder()
    {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("spark.master", "local[1]");
        wanted.put("spark.driver.cores", "2");
        wanted.put("spark.executor.memory", "2g");

        assertThat(WarmDriverFit.whyCold(WARM, wanted, Set.of("spark.ui.port", "spark.sql.shuffle.partitions")))
                .hasValue("spark.driver.cores is 2 here but not set on the pre-initialized drivers");
    }

    @Test
    void secretValuesAreNotShown()
    {
        Map<String, String> warm = with(WARM, "spark.hadoop.fs.s3a.secret.key", "warm-secret");
        Map<String, String> wanted = with(WARM, "spark.hadoop.fs.s3a.secret.key", "job-secret");

        assertThat(WarmDriverFit.whyCold(warm, wanted, Set.of()))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("spark.hadoop.fs.s3a.secret.key has a different value here")
                        .doesNotContain("warm-secret", "job-secret"));
    }

    @Test
    void dependenciesOnlySparkSubmitResolvesNeedAColdDriverEvenWhenEqual()
    {
        Map<String, String> both = with(WARM, "spark.jars.packages", "org.example:lib:1.0");

        assertThat(WarmDriverFit.whyCold(both, both, Set.of()))
                .hasValue("spark.jars.packages is resolved by spark-submit, which pre-initialized drivers do not run");
    }

    @Test
    void jvmAndPythonEntryPointsRunWarmButRDoesNot()
    {
        assertThat(WarmDriverFit.whyColdEntryPoint("s3://bucket/jobs/app.jar")).isEmpty();
        assertThat(WarmDriverFit.whyColdEntryPoint("s3://bucket/jobs/etl.py")).isEmpty();
        assertThat(WarmDriverFit.whyColdEntryPoint("/jobs/report.R"))
                .hasValue("the entry point /jobs/report.R is an R application; pre-initialized drivers run JVM and Python applications only");
    }

    @Test
    void aPythonJobsOwnPyFilesDoNotForceAColdDriverButItsArchivesAndInterpretersStillDo()
    {
        Map<String, String> warm = Map.of("spark.executor.memory", "1g");
        Map<String, String> job = new LinkedHashMap<>(warm);
        job.put("spark.submit.pyFiles", " s3://bucket/deps/helpers.py, ,s3://bucket/deps/lib.zip ");

        assertThat(WarmDriverFit.whyCold(warm, job, Set.of())).hasValue("spark.submit.pyFiles is resolved by spark-submit, which pre-initialized drivers do not run");
        assertThat(WarmDriverFit.whyCold(warm, WarmDriverFit.withoutPyFiles(job), Set.of())).isEmpty();
        assertThat(WarmDriverFit.pyFiles(job)).containsExactly("s3://bucket/deps/helpers.py", "s3://bucket/deps/lib.zip");
        assertThat(job).containsKey("spark.submit.pyFiles");

        assertThat(WarmDriverFit.whyCold(warm, WarmDriverFit.withoutPyFiles(with(job, "spark.archives", "s3://bucket/env.tar.gz#environment")), Set.of()))
                .hasValue("spark.archives is s3://bucket/env.tar.gz#environment here but not set on the pre-initialized drivers");
        assertThat(WarmDriverFit.whyCold(warm, with(warm, "spark.pyspark.python", "./environment/bin/python"), Set.of()))
                .hasValue("spark.pyspark.python is ./environment/bin/python here but not set on the pre-initialized drivers");
        assertThat(WarmDriverFit.pyFiles(warm)).isEmpty();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value)
    {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }
}
