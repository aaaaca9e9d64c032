package io.emrys.testjobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * Runs one stage of {@code tasks} tasks (default 8) that each sleep {@code millis} (default 2000) and then
 * counts them: enough pending tasks for dynamic allocation to ask for more executors, and long enough for a test
 * to kill an executor mid-stage. Prints the count and how many distinct executors ran tasks, then stays idle for
 * {@code idleAfterMillis} (default 0) so that idle executors can be removed before the application ends.
 */
public final class SlowTasks
{
    private SlowTasks() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long millis = args.length > 1 ? Long.parseLong(args[1]) : 2000;
        long idleAfterMillis = args.length > 2 ? Long.parseLong(args[2]) : 0;
        SparkSession spark = SparkSession.builder().appName("emrys-slow-tasks").getOrCreate();
        try {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            List<Integer> numbers = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                numbers.add(i);
            }
            // no shuffle: executors holding shuffle data would stay until it is collected, not just while busy
            List<String> executors = context.parallelize(numbers, tasks)
                    .map(number -> {
                        Thread.sleep(millis);
                        return org.apache.spark.SparkEnv.get().executorId();
                    })
                    .collect()
                    .stream()
                    .distinct()
                    .toList();
            System.out.println("SlowTasks ran " + tasks + " tasks on executors " + executors);
            // idle executors are what dynamic allocation removes: give it the time to
            Thread.sleep(idleAfterMillis);
        }
        finally {
            spark.stop();
        }
    }
}
