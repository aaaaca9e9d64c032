package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.EmrysProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The interactive-session part of a run: cold sessions against raw Spark Connect servers on the main (TLS gateway)
 * server, then the gateway's throughput and latency on one live session there, and optionally the same on a second
 * server started with {@code --gateway-plaintext}, which shows the proxy's own cost without TLS.
 */
final class SessionBenchmarks
{
    record Settings(int warmupRounds, int rounds, GatewayBenchmark.Settings gateway, boolean plaintextGateway)
    {
        Settings
        {
            requireNonNull(gateway, "gateway is null");
            if (warmupRounds < 0 || rounds < 1) {
                throw new IllegalArgumentException("--session-runs must be at least 1 and --session-warmup-rounds at least 0");
            }
        }
    }

    /** What the harness saw of memory during the session part. */
    record Memory(Optional<ProcStatus> controlPlaneAfterColdSessions, Optional<ProcStatus> controlPlaneAfterGateway, Optional<ProcStatus> driverIdle,
            Optional<ProcStatus> driverAfterGateway)
    {
        Memory
        {
            requireNonNull(controlPlaneAfterColdSessions, "controlPlaneAfterColdSessions is null");
            requireNonNull(controlPlaneAfterGateway, "controlPlaneAfterGateway is null");
            requireNonNull(driverIdle, "driverIdle is null");
            requireNonNull(driverAfterGateway, "driverAfterGateway is null");
        }
    }

    record Results(SessionColdStartBenchmark.Results cold, GatewayBenchmark.Result tls, Optional<GatewayBenchmark.Result> plaintext, Memory memory)
    {
        Results
        {
            requireNonNull(cold, "cold is null");
            requireNonNull(tls, "tls is null");
            requireNonNull(plaintext, "plaintext is null");
            requireNonNull(memory, "memory is null");
        }
    }

    private final Path projectRoot;
    private final Settings settings;
    private final Map<String, String> sparkDefaults;
    private final RawConnectServer raw;
    private final String releaseLabel;

    SessionBenchmarks(Path projectRoot, SparkRuntime runtime, int driverCores, MemorySize driverMemory, Settings settings, Path scratch)
    {
        this.projectRoot = requireNonNull(projectRoot, "projectRoot is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.sparkDefaults = Map.of("spark.driver.cores", Integer.toString(driverCores), "spark.driver.memory", driverMemory.toSparkString());
        this.raw = new RawConnectServer(runtime, driverCores, driverMemory, scratch.resolve("raw-connect"));
        // The sessions run on the label whose runtime the raw Connect server comes from, so both sides are the same Spark.
        this.releaseLabel = runtime.releaseLabel().label();
    }

    RawConnectServer raw()
    {
        return raw;
    }

    Results run(EmrysProcess server, Path scratch)
            throws IOException, InterruptedException
    {
        ConnectClients.trustGateway(server.gatewayTrustStore());
        EmrysSessionRunner sessions = runner(server, "bench-sessions");
        SessionColdStartBenchmark.Results cold = new SessionColdStartBenchmark(sessions, raw).run(settings.warmupRounds(), settings.rounds());
        Optional<ProcStatus> afterCold = ProcStatus.of(server.pid());

        GatewayBenchmark gateway = new GatewayBenchmark(settings.gateway());
        EmrysSessionRunner.Live live = sessions.startLive();
        GatewayBenchmark.Result tls;
        Memory memory;
        try {
            Optional<ProcStatus> driverIdle = ProcStatus.of(live.driverPid());
            tls = gateway.run("TLS gateway", live, server.pid());
            memory = new Memory(afterCold, ProcStatus.of(server.pid()), driverIdle, ProcStatus.of(live.driverPid()));
        }
        finally {
            sessions.terminate(live);
        }

        Optional<GatewayBenchmark.Result> plaintext = Optional.empty();
        if (settings.plaintextGateway()) {
            System.err.println("emrys-bench: a second server with --gateway-plaintext");
            try (EmrysProcess plain = new EmrysProcess(BenchMain.serverCommand(projectRoot), scratch.resolve("data-plaintext"),
                    List.of("--gateway-plaintext")).start()) {
                EmrysSessionRunner plainSessions = runner(plain, "bench-plaintext");
                EmrysSessionRunner.Live plainLive = plainSessions.startLive();
                try {
                    plaintext = Optional.of(gateway.run("plaintext gateway", plainLive, plain.pid()));
                }
                finally {
                    plainSessions.terminate(plainLive);
                }
            }
        }
        return new Results(cold, tls, plaintext, memory);
    }

    private EmrysSessionRunner runner(EmrysProcess server, String applicationName)
            throws IOException, InterruptedException
    {
        SessionApi api = new SessionApi(server.apiEndpoint(), server.rootKey(), server.executionRoleArn());
        return new EmrysSessionRunner(api, server.dataDir(), api.createStartedApplication(applicationName, releaseLabel), sparkDefaults);
    }
}
