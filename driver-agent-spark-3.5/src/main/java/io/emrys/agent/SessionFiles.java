package io.emrys.agent;

import org.apache.spark.sql.SparkSession;

/**
 * Spark 3.5 line: a classic SparkSession shares the SparkContext's files (only Spark Connect sessions isolate
 * theirs), so a file added to the SparkContext reaches every task of a warm driver's Python job.
 */
final class SessionFiles
{
    private SessionFiles() {}

    static void add(SparkSession spark, String path)
    {
        spark.sparkContext().addFile(path);
    }
}
