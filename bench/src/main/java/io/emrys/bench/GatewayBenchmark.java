package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.connect.client.SparkResult;

/**
 * What the gateway costs on one live session: the same Spark Connect operations through the gateway (with the
 * session's token) and straight at the session driver's gRPC port on loopback (which skips the token check: that is
 * the point of the comparison), alternating so that drift on the machine hurts both paths alike.
 *
 * <p>Throughput: {@code spark.range(rows).toDF()} collected as a {@link SparkResult} and counted, which pulls every
 * Arrow batch over the wire without making a {@code Row} object per row, so that the client's row conversion does
 * not hide the transport. Latency: {@code spark.sql("SELECT 1").collectAsList()} round trips (the client sends
 * several gRPC calls for one: the SQL command, ExecutePlan, ReleaseExecute).
 */
final class GatewayBenchmark
{
    private static final int LATENCY_BLOCK = 50;

    record Settings(long rows, int transfers, int calls, int warmupCalls)
    {
        Settings
        {
            if (rows < 1 || transfers < 1 || calls < 1 || warmupCalls < 0) {
                throw new IllegalArgumentException("rows, transfers and calls must be positive");
            }
        }
    }

    /**
     * @param path how the gateway was reached ("TLS gateway", "plaintext gateway")
     * @param gatewayTransferNanos wall time of each collection through the gateway
     * @param directTransferNanos the same, straight at the driver
     * @param gatewayCallNanos each measured {@code SELECT 1} round trip through the gateway
     * @param directCallNanos the same, straight at the driver
     * @param controlPlaneCpuMillisPerCall the control plane's CPU time (from /proc) over the gateway's latency blocks, per call;
     *        negative when unknown
     */
    record Result(String path, Settings settings, List<Long> gatewayTransferNanos, List<Long> directTransferNanos, long[] gatewayCallNanos,
            long[] directCallNanos, double controlPlaneCpuMillisPerCall)
    {
        Result
        {
            requireNonNull(path, "path is null");
            requireNonNull(settings, "settings is null");
            gatewayTransferNanos = List.copyOf(gatewayTransferNanos);
            directTransferNanos = List.copyOf(directTransferNanos);
            requireNonNull(gatewayCallNanos, "gatewayCallNanos is null");
            requireNonNull(directCallNanos, "directCallNanos is null");
        }

        double gatewayRowsPerSecond()
        {
            return settings.rows() / (Distribution.of(gatewayTransferNanos).median() / 1e9);
        }

        double directRowsPerSecond()
        {
            return settings.rows() / (Distribution.of(directTransferNanos).median() / 1e9);
        }
    }

    private final Settings settings;

    GatewayBenchmark(Settings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** @param controlPlanePid the server whose gateway is measured, for its CPU time per call */
    Result run(String path, EmrysSessionRunner.Live session, long controlPlanePid)
    {
        String secret;
        try {
            // the driver refuses calls without its secret; "direct" is the driver's port with it, as the gateway calls it
            secret = ConnectClients.driverSecret(session.workDir());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (SparkSession gateway = ConnectClients.gateway(session.endpoint());
                SparkSession direct = ConnectClients.directWithSecret(session.grpcPort(), secret)) {
            // Warm-up: connections, the client's and the driver's JIT; one transfer each is not measured.
            transfer(gateway);
            transfer(direct);
            calls(gateway, settings.warmupCalls());
            calls(direct, settings.warmupCalls());

            List<Long> viaGateway = new ArrayList<>();
            List<Long> viaDirect = new ArrayList<>();
            for (int repetition = 0; repetition < settings.transfers(); repetition++) {
                boolean gatewayFirst = repetition % 2 == 0;
                long first = transfer(gatewayFirst ? gateway : direct);
                long second = transfer(gatewayFirst ? direct : gateway);
                viaGateway.add(gatewayFirst ? first : second);
                viaDirect.add(gatewayFirst ? second : first);
                System.err.printf("%s: %d rows in %d ms through the gateway, %d ms direct%n", path, settings.rows(),
                        viaGateway.get(repetition) / 1_000_000, viaDirect.get(repetition) / 1_000_000);
            }

            long[] gatewayCalls = new long[settings.calls()];
            long[] directCalls = new long[settings.calls()];
            long cpuMillis = 0;
            boolean cpuKnown = true;
            for (int done = 0; done < settings.calls(); done += LATENCY_BLOCK) {
                int block = Math.min(LATENCY_BLOCK, settings.calls() - done);
                boolean gatewayFirst = (done / LATENCY_BLOCK) % 2 == 0;
                if (!gatewayFirst) {
                    timeCalls(direct, directCalls, done, block);
                }
                OptionalLong before = CpuTime.millis(controlPlanePid);
                timeCalls(gateway, gatewayCalls, done, block);
                OptionalLong after = CpuTime.millis(controlPlanePid);
                cpuKnown &= before.isPresent() && after.isPresent();
                cpuMillis += cpuKnown ? after.getAsLong() - before.getAsLong() : 0;
                if (gatewayFirst) {
                    timeCalls(direct, directCalls, done, block);
                }
            }
            return new Result(path, settings, viaGateway, viaDirect, gatewayCalls, directCalls, cpuKnown ? (double) cpuMillis / settings.calls() : -1);
        }
    }

    private long transfer(SparkSession spark)
    {
        long start = System.nanoTime();
        try (SparkResult<Row> result = spark.range(settings.rows()).toDF().collectResult()) {
            int count = result.length();
            long elapsed = System.nanoTime() - start;
            if (count != settings.rows()) {
                throw new IllegalStateException("collected " + count + " rows instead of " + settings.rows());
            }
            return elapsed;
        }
    }

    private static void calls(SparkSession spark, int count)
    {
        for (int call = 0; call < count; call++) {
            ConnectClients.selectOne(spark);
        }
    }

    private static void timeCalls(SparkSession spark, long[] into, int from, int count)
    {
        for (int call = from; call < from + count; call++) {
            long start = System.nanoTime();
            ConnectClients.selectOne(spark);
            into[call] = System.nanoTime() - start;
        }
    }
}
