package io.emrys.agent;

import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SparkConnectService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import static java.util.Objects.requireNonNull;

/**
 * Turns the warm driver into a Spark Connect server, as Spark's {@code SparkConnectServer} main does after its own
 * session start: {@code SparkConnectService.start} on the running SparkContext. The server listens where the
 * control plane said at warm-up ({@code spark.connect.grpc.binding.address} and {@code .port}, loopback only).
 * It serves until SIGTERM, when Spark's shutdown hooks stop the SparkContext and finish the event log.
 */
final class WarmDriverSession
{
    private final SparkSession spark;
    private final Path workDir;
    private final long warmMillis;

    WarmDriverSession(SparkSession spark, Path workDir, long warmMillis)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.warmMillis = warmMillis;
    }

    /** Never returns normally: the JVM ends on SIGTERM, or with exit code 1 when the server cannot start. */
    void serve()
    {
        SparkContext context = spark.sparkContext();
        try {
            SparkConnectService.start(context);
            String address = context.getConf().get("spark.connect.grpc.binding.address", "");
            String port = context.getConf().get("spark.connect.grpc.binding.port", "");
            System.err.printf("Emrys: warm driver %s took a session; Spark Connect listens on %s:%s (warm for %d ms)%n",
                    context.applicationId(), address, port, warmMillis);
            WarmDriverFiles.writeAtomically(workDir.resolve(WarmDriverFiles.CONNECT_READY), port + "\n");
        }
        catch (IOException | RuntimeException e) {
            spark.stop();
            System.exit(WarmDriver.reportUncaught(e));
        }
        try {
            // The gRPC server's threads serve; this thread only keeps the JVM's main alive until the signal.
            new CountDownLatch(1).await();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
