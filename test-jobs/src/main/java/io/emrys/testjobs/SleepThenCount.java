package io.emrys.testjobs;

import org.apache.spark.sql.SparkSession;

/**
 * Starts a session, then sleeps for the given number of seconds (default 600) before counting; used to test
 * cancellation and re-adoption of a driver that is still running.
 */
public final class SleepThenCount
{
    private SleepThenCount() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        SparkSession spark = SparkSession.builder().appName("emrys-sleep").getOrCreate();
        try {
            System.out.println("SleepThenCount sleeping " + seconds + " s");
            Thread.sleep(seconds * 1000);
            System.out.println("SleepThenCount counted " + spark.range(10).count() + " rows");
        }
        finally {
            spark.stop();
        }
    }
}
