package io.emrys.testjobs;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Starts a session, then sleeps for the given number of seconds (default 600) before counting; used to test
 * cancellation and re-adoption of a driver that is still running. With a second argument, a system property's
 * name, it also prints the values the tasks read for it, so a test sees which Java options the executor JVMs got.
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
            if (args.length > 1) {
                String property = args[1];
                List<String> seen = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(List.of(1, 2), 2)
                        .map(task -> String.valueOf(System.getProperty(property))).distinct().collect();
                System.out.println("SleepThenCount tasks read " + property + "=" + seen.stream().sorted().toList());
            }
        }
        finally {
            spark.stop();
        }
    }
}
