package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.EmrysProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;

/**
 * The capacity part of a run: warm (pre-initialized) against cold against raw Spark, first for the trivial job (a
 * half per release label, each against raw Spark from that label's runtime), then for a session's first
 * {@code SELECT 1}. Each half creates its two applications (one with {@code initialCapacity} of
 * one driver and one executor, one without), starts them, samples the server's process tree throughout
 * ({@link ProcessTreeSampler}), and stops both applications at its end, so that the job half's warm workers do not
 * sit beside the session half's measurements.
 */
final class CapacityBenchmarks
{
    static final SessionApi.WorkerSize WORKER = new SessionApi.WorkerSize("1 vCPU", "1 GB");
    private static final Duration STARTED_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOPPED_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(250);

    /** @param refillTimeout how long to wait for the pool to have a ready, unassigned driver before a warm run */
    record Settings(int warmupRounds, int rounds, Duration refillTimeout)
    {
        Settings
        {
            requireNonNull(refillTimeout, "refillTimeout is null");
            if (warmupRounds < 0 || rounds < 1) {
                throw new IllegalArgumentException("--capacity-runs must be at least 1 and --capacity-warmup-rounds at least 0");
            }
        }
    }

    /**
     * @param warmStartMillis StartApplication to STARTED of the application with initial capacity (its warm workers ready)
     * @param coldStartMillis the same for the application without
     * @param readyAtRest ready, unassigned warm drivers once both were STARTED (0 on a server without a pool)
     */
    record Applications(String warmId, String coldId, long warmStartMillis, long coldStartMillis, int readyAtRest)
    {
        Applications
        {
            requireNonNull(warmId, "warmId is null");
            requireNonNull(coldId, "coldId is null");
        }
    }

    /**
     * @param controlPlaneBefore the control plane before the half's applications were created
     * @param atRest every JVM of the tree once both applications were STARTED, before the first run
     * @param controlPlaneAfter the control plane after the runs, before the applications were stopped
     */
    record PartMemory(Optional<ProcStatus> controlPlaneBefore, List<ProcessTreeSampler.ProcessSample> atRest, Optional<ProcStatus> controlPlaneAfter,
            ProcessTreeSampler.Summary tree)
    {
        PartMemory
        {
            requireNonNull(controlPlaneBefore, "controlPlaneBefore is null");
            atRest = List.copyOf(atRest);
            requireNonNull(controlPlaneAfter, "controlPlaneAfter is null");
            requireNonNull(tree, "tree is null");
        }
    }

    /** @param runtime the runtime of the half's applications and of its raw Spark */
    record Part<T>(SparkRuntime runtime, T runs, Applications applications, PartMemory memory, List<String> rawCommand)
    {
        Part
        {
            requireNonNull(runtime, "runtime is null");
            requireNonNull(runs, "runs is null");
            requireNonNull(applications, "applications is null");
            requireNonNull(memory, "memory is null");
            rawCommand = List.copyOf(rawCommand);
        }
    }

    private final Settings settings;
    private final Path jar;
    private final String mainClass;
    private final int driverCores;
    private final MemorySize driverMemory;
    private final Path scratch;
    private final String jobEntryPoint;
    private final String jobParameters;
    private final Map<String, String> sessionDefaults;

    CapacityBenchmarks(Settings settings, Path jar, String mainClass, int driverCores, MemorySize driverMemory, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.mainClass = requireNonNull(mainClass, "mainClass is null");
        this.driverCores = driverCores;
        this.driverMemory = requireNonNull(driverMemory, "driverMemory is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.jobEntryPoint = jar.toString();
        this.jobParameters = "--class %s --driver-cores %d --driver-memory %s".formatted(mainClass, driverCores, driverMemory.toSparkString());
        this.sessionDefaults = Map.of("spark.driver.cores", Integer.toString(driverCores), "spark.driver.memory", driverMemory.toSparkString());
    }

    Settings settings()
    {
        return settings;
    }

    String jobParameters()
    {
        return jobParameters;
    }

    /** The job half on one release label: its two applications, and raw Spark from the same label's runtime folder. */
    Part<CapacityJobBenchmark.Results> jobs(EmrysProcess server, EmrServerlessClient client, SparkRuntime runtime)
            throws IOException, InterruptedException
    {
        String label = runtime.releaseLabel().label();
        RawSparkRunner rawJobs = new RawSparkRunner(runtime, jar, mainClass, driverCores, driverMemory, scratch.resolve("raw-capacity-" + label));
        return jobs(server, client, runtime, "bench-capacity-jobs-" + label, rawJobs, jobEntryPoint, jobParameters, CapacityJobBenchmark.RunCheck.NONE);
    }

    /** A job half of another job (the PySpark part's): its own applications, entry point, raw runner and output check. */
    Part<CapacityJobBenchmark.Results> jobs(EmrysProcess server, EmrServerlessClient client, SparkRuntime runtime, String name, RawSparkRunner raw,
            String entryPoint, String parameters, CapacityJobBenchmark.RunCheck check)
            throws IOException, InterruptedException
    {
        return half(server, runtime, name, false, raw.command(), (applications, pool) -> new CapacityJobBenchmark(
                new EmrysJobRunner(client, server.dataDir(), applications.warmId(), server.executionRoleArn()), new EmrysJobRunner(client, server.dataDir(), applications.coldId(), server.executionRoleArn()),
                raw, pool, entryPoint, parameters, settings.refillTimeout(), applications.readyAtRest(), check)
                .run(settings.warmupRounds(), settings.rounds()));
    }

    Part<CapacitySessionBenchmark.Results> sessions(EmrysProcess server, SparkRuntime runtime)
            throws IOException, InterruptedException
    {
        ConnectClients.trustGateway(server.gatewayTrustStore());
        return sessions(server, runtime, "bench-capacity-sessions", new RawConnectServer(runtime, driverCores, driverMemory, scratch.resolve("raw-connect-capacity")),
                Optional.empty());
    }

    /** A session half with another client (the PySpark part's), both for the Emrys sessions and against the raw server. */
    Part<CapacitySessionBenchmark.Results> sessions(EmrysProcess server, SparkRuntime runtime, String name, RawConnectServer raw,
            Optional<EmrysSessionRunner.Client> client)
            throws IOException, InterruptedException
    {
        SessionApi api = new SessionApi(server.apiEndpoint(), server.rootKey(), server.executionRoleArn());
        return half(server, runtime, name, true, raw.command(), (applications, pool) -> new CapacitySessionBenchmark(
                new EmrysSessionRunner(api, server.dataDir(), applications.warmId(), sessionDefaults, client),
                new EmrysSessionRunner(api, server.dataDir(), applications.coldId(), sessionDefaults, client), raw, pool, applications.warmId(),
                settings.refillTimeout(), applications.readyAtRest())
                .run(settings.warmupRounds(), settings.rounds()));
    }

    /** A half's runs on its two STARTED applications. */
    @FunctionalInterface
    private interface HalfRuns<T>
    {
        T run(Applications applications, WarmPool pool)
                throws IOException, InterruptedException;
    }

    /** Creates and starts a half's two applications, samples the process tree throughout its runs, and stops both at its end. */
    private <T> Part<T> half(EmrysProcess server, SparkRuntime runtime, String name, boolean sessions, List<String> rawCommand, HalfRuns<T> runs)
            throws IOException, InterruptedException
    {
        SessionApi api = new SessionApi(server.apiEndpoint(), server.rootKey(), server.executionRoleArn());
        WarmPool pool = new WarmPool(server.dataDir());
        Optional<ProcStatus> before = ProcStatus.of(server.pid());
        try (ProcessTreeSampler sampler = sampler(server)) {
            Applications applications = startApplications(api, pool, name, runtime.releaseLabel().label(), sessions);
            List<ProcessTreeSampler.ProcessSample> atRest = sampler.sample();
            T results;
            Optional<ProcStatus> after;
            try {
                results = runs.run(applications, pool);
                after = ProcStatus.of(server.pid());
            }
            finally {
                stopApplications(api, applications);
            }
            return new Part<>(runtime, results, applications, new PartMemory(before, atRest, after, sampler.summary()), rawCommand);
        }
    }

    private static ProcessTreeSampler sampler(EmrysProcess server)
            throws IOException
    {
        // The real path: /proc/<pid>/cwd shows it, whatever symlinks lead to the temporary folder.
        ProcessTreeSampler sampler = new ProcessTreeSampler(server.pid(), new ProcessClassifier(server.pid(), server.dataDir().toRealPath()), SAMPLE_PERIOD);
        sampler.start();
        return sampler;
    }

    /** Creates and starts the two applications one after the other, timing each StartApplication to STARTED. */
    private Applications startApplications(SessionApi api, WarmPool pool, String name, String releaseLabel, boolean sessions)
            throws IOException, InterruptedException
    {
        String warm = api.createApplication(name + "-warm", releaseLabel, sessions, Optional.of(WORKER));
        String cold = api.createApplication(name + "-cold", releaseLabel, sessions, Optional.empty());
        long warmStart = timeStart(api, warm);
        long coldStart = timeStart(api, cold);
        pool.awaitReadyDriver(warm, settings.refillTimeout());
        int ready = pool.readyDrivers(warm);
        System.err.printf("emrys-bench: %s: warm application %s STARTED in %d ms (%d ready warm driver(s)), cold application %s STARTED in %d ms%n",
                name, warm, warmStart, ready, cold, coldStart);
        return new Applications(warm, cold, warmStart, coldStart, ready);
    }

    private static long timeStart(SessionApi api, String applicationId)
            throws IOException, InterruptedException
    {
        long start = System.nanoTime();
        api.startApplication(applicationId);
        api.awaitApplicationState(applicationId, "STARTED", STARTED_TIMEOUT);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void stopApplications(SessionApi api, Applications applications)
            throws IOException, InterruptedException
    {
        for (String applicationId : List.of(applications.warmId(), applications.coldId())) {
            api.stopApplication(applicationId);
        }
        for (String applicationId : List.of(applications.warmId(), applications.coldId())) {
            try {
                api.awaitApplicationState(applicationId, "STOPPED", STOPPED_TIMEOUT);
            }
            catch (IllegalStateException e) {
                // Leftover workers would only add to the next half's memory figures; the report's tree table shows them.
                System.err.println("emrys-bench: " + e.getMessage());
            }
        }
    }
}
