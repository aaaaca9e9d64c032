package io.emrys.testjobs;

import org.apache.spark.sql.SparkSession;

/** The smallest real Spark application: start a session, run one job, exit. Used to measure launch overhead. */
public final class Trivial
{
    private Trivial() {}

    public static void main(String[] args)
    {
        SparkSession spark = SparkSession.builder().appName("emrys-trivial").getOrCreate();
        try {
            long count = spark.range(10).count();
            System.out.println("Trivial counted " + count + " rows");
        }
        finally {
            spark.stop();
        }
    }
}
