package io.emrys.testing;

import io.emrys.compute.runtime.ReleaseCatalog;
import io.emrys.compute.runtime.ReleaseLabel;
import io.emrys.compute.runtime.SparkRuntime;

import java.nio.file.Path;

/** Runtime values for tests that plan commands against a folder that need not hold Spark. */
public final class TestingRuntimes
{
    public static final ReleaseLabel EMR_SPARK_8_0 = ReleaseCatalog.load().find("emr-spark-8.0").orElseThrow();
    public static final ReleaseLabel EMR_7_10_0 = ReleaseCatalog.load().find("emr-7.10.0").orElseThrow();

    private TestingRuntimes() {}

    /** emr-spark-8.0 (Spark 4.0.1) served from {@code home}. */
    public static SparkRuntime emrSpark80(Path home)
    {
        return new SparkRuntime(EMR_SPARK_8_0, EMR_SPARK_8_0.sparkVersion(), home);
    }

    /** emr-7.10.0 (Spark 3.5.5, the 3.5 line) served from {@code home}. */
    public static SparkRuntime emr7100(Path home)
    {
        return new SparkRuntime(EMR_7_10_0, EMR_7_10_0.sparkVersion(), home);
    }
}
