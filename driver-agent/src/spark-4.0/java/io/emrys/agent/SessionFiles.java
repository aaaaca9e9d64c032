package io.emrys.agent;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Spark 4 line: a classic SparkSession isolates its artifacts, so its queries' tasks carry the files added under
 * its own artifact state and executors keep them in a folder of that session; once the session has run a query (the
 * warm-up did), files added to the SparkContext alone never reach those tasks. A warm driver's Python job adds its
 * files both ways: to the SparkContext (the driver's Python and RDD tasks use those) and under the session's state
 * (its SQL tasks, Python UDFs included, use those).
 */
final class SessionFiles
{
    private SessionFiles() {}

    static void add(SparkSession spark, String path)
    {
        SparkContext context = spark.sparkContext();
        context.addFile(path);
        ((org.apache.spark.sql.classic.SparkSession) spark).artifactManager().withResources(() -> {
            context.addFile(path);
            return null;
        });
    }
}
