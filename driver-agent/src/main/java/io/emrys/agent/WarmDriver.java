package io.emrys.agent;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A pre-initialized driver: a JVM whose SparkSession is up before any job or session exists, so that handing it
 * work skips the JVM start, class loading and SparkContext start of a cold driver (several seconds).
 *
 * <p>Protocol with the control plane, all through files in the work dir (the parent of the properties file):
 * <ol>
 *   <li>the control plane writes {@code spark.properties} and starts
 *       {@code WarmDriver <spark.properties> [--warm-up-connect]};</li>
 *   <li>this JVM sets every property on a SparkConf, starts the SparkSession (and, on a cluster master, waits up to
 *       a minute for the initial executors), runs a small warm-up query (and with {@code --warm-up-connect} one
 *       through Spark Connect, in-process), then writes {@code warm-ready.json}
 *       ({@code {"appId":"...","uiPort":N}});</li>
 *   <li>the control plane writes {@code assignment.properties} ({@link WarmDriverAssignment});</li>
 *   <li>a job runs its {@code main} in this JVM ({@link WarmDriverJob}), or a Python job's process attaches to this
 *       JVM ({@link WarmDriverPythonJob}), and the JVM exits with its outcome, as a cold driver would; a session serves Spark Connect ({@link WarmDriverSession}) until SIGTERM.</li>
 * </ol>
 * Every file is written whole (temporary name, then rename). Nothing is sent over a socket, so a control plane
 * restart between the steps loses nothing.
 *
 * <p>Threading: everything happens on the JVM's main thread, which is also the thread the job's {@code main} runs
 * on, so its uncaught exception reads {@code Exception in thread "main"} as with spark-submit.
 */
public final class WarmDriver
{
    private static final String DEFAULT_APP_NAME = "Emrys warm driver";
    /** Also warm up Spark Connect's request path, for a driver that will likely serve a session. */
    static final String WARM_UP_CONNECT = "--warm-up-connect";
    private static final String WARM_UP_DESCRIPTION = "Emrys: warm-up of the pre-initialized driver";
    /** The longest a warm driver waits for its initial executors before it declares itself ready anyway. */
    private static final long EXECUTOR_WAIT_MILLIS = TimeUnit.SECONDS.toMillis(60);

    private WarmDriver() {}

    public static void main(String[] args)
    {
        boolean warmUpConnect = args.length == 2 && WARM_UP_CONNECT.equals(args[1]);
        if (args.length != 1 && !warmUpConnect) {
            System.err.println("Error: usage: io.emrys.agent.WarmDriver <spark.properties> [" + WARM_UP_CONNECT + "]");
            System.exit(2);
        }
        Path propertiesFile = Path.of(args[0]).toAbsolutePath().normalize();
        Path workDir = propertiesFile.getParent();
        SparkSession spark;
        WarmDriverAssignment assignment;
        long warmSince;
        try {
            SparkConf conf = new SparkConf();
            for (Map.Entry<Object, Object> entry : WarmDriverFiles.load(propertiesFile).entrySet()) {
                conf.set(entry.getKey().toString(), entry.getValue().toString());
            }
            conf.setIfMissing("spark.app.name", DEFAULT_APP_NAME);
            spark = SparkSession.builder().config(conf).getOrCreate();
            SparkContext context = spark.sparkContext();
            awaitInitialExecutors(context);
            warmUp(spark);
            if (warmUpConnect) {
                long start = System.nanoTime();
                WarmDriverConnectWarmUp.run();
                System.err.printf("Emrys: warm driver %s ran its Spark Connect warm-up in %d ms%n",
                        context.applicationId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            WarmDriverFiles.writeAtomically(workDir.resolve(WarmDriverFiles.READY),
                    "{\"appId\":" + WarmDriverFiles.jsonString(context.applicationId()) + ",\"uiPort\":" + uiPort(context) + "}\n");
            warmSince = System.nanoTime();

            Path assignmentFile = workDir.resolve(WarmDriverFiles.ASSIGNMENT);
            WarmDriverFiles.await(assignmentFile);
            Properties assigned = WarmDriverFiles.load(assignmentFile);
            assignment = WarmDriverAssignment.parse(assigned);
        }
        catch (Throwable failure) {
            // Exit rather than throw: Spark's non-daemon threads would keep the JVM alive.
            System.exit(reportUncaught(failure));
            return;
        }

        long warmMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmSince);
        switch (assignment.kind()) {
            case JOB -> System.exit(new WarmDriverJob(spark, workDir, warmMillis).run(assignment));
            case PYTHON_JOB -> System.exit(new WarmDriverPythonJob(spark, workDir, warmMillis).run(assignment));
            case SESSION -> new WarmDriverSession(spark, workDir, warmMillis).serve();
        }
    }

    /**
     * On a cluster master, a job should find its executors registered, as the point of a warm driver is to skip the
     * wait; in local mode the executor lives in this JVM and is always there.
     */
    private static void awaitInitialExecutors(SparkContext context)
            throws InterruptedException
    {
        SparkConf conf = context.getConf();
        int wanted = Math.max(conf.getInt("spark.dynamicAllocation.initialExecutors", 0), conf.getInt("spark.executor.instances", 0));
        if (wanted <= 0 || context.isLocal()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXECUTOR_WAIT_MILLIS);
        int registered = registeredExecutors(context);
        while (registered < wanted && System.nanoTime() < deadline) {
            Thread.sleep(50);
            registered = registeredExecutors(context);
        }
        if (registered < wanted) {
            System.err.printf("Emrys: warm driver %s is ready with %d of its %d initial executors after %d s%n",
                    context.applicationId(), registered, wanted, TimeUnit.MILLISECONDS.toSeconds(EXECUTOR_WAIT_MILLIS));
        }
    }

    /**
     * Runs one small query, so that a job's first query does not pay for loading and initializing Spark SQL's
     * analyzer, optimizer, planner, code generator, shuffle and task scheduling (about three seconds of a cold
     * driver's run, more than the SparkContext start itself). It shows in the Spark UI and event log under its
     * description, and leaves nothing behind a job could see: no view, table, cache or setting.
     */
    private static void warmUp(SparkSession spark)
    {
        SparkContext context = spark.sparkContext();
        context.setJobDescription(WARM_UP_DESCRIPTION);
        try {
            spark.range(0, 1000, 1, 1).selectExpr("id % 10 AS k").groupBy("k").count().collectAsList();
        }
        finally {
            // A thread-local property: the job's main runs on this thread and must not inherit it.
            context.setJobDescription(null);
        }
    }

    /** The status tracker lists the driver among the executors. */
    private static int registeredExecutors(SparkContext context)
    {
        return Math.max(0, context.statusTracker().getExecutorInfos().length - 1);
    }

    private static int uiPort(SparkContext context)
    {
        if (context.uiWebUrl().isEmpty()) {
            return 0;
        }
        return URI.create(context.uiWebUrl().get()).getPort();
    }

    /** Prints {@code failure} as the JVM prints an uncaught exception of the main thread; returns the exit code 1. */
    static int reportUncaught(Throwable failure)
    {
        System.err.print("Exception in thread \"main\" ");
        failure.printStackTrace(System.err);
        return 1;
    }
}
