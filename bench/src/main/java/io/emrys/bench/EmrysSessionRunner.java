package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.spark.sql.connect.SparkSession;

/**
 * One interactive session through the API as a notebook user has it: StartSession, GetSession every 100 ms until
 * IDLE, GetSessionEndpoint, then the Spark Connect client through the gateway until {@code SELECT 1} returns.
 * The session's work dir tells when its driver JVM was forked ({@code driver.pid}) and whether it recorded the
 * class-data archive ({@code classes.jsa.target} beside it) or mapped one.
 */
final class EmrysSessionRunner
{
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration ARCHIVE_PROMOTION = Duration.ofSeconds(5);
    private static final String GRPC_PORT = "spark.connect.grpc.binding.port";

    private final SessionApi api;
    private final Path dataDir;
    private final String applicationId;
    private final Map<String, String> sparkDefaults;
    private final Optional<Client> client;

    /**
     * A client outside the harness's JVM (the PySpark one) that starts a session itself and gets its first result,
     * with the same steps and figures as {@link #firstResult}'s own JVM client; the harness then checks the driver
     * and terminates the session.
     */
    interface Client
    {
        /** From the StartSession call to the checked {@code SELECT 1} result; the session is still live. */
        Timings firstResult(String applicationId, Map<String, String> sparkDefaults)
                throws IOException, InterruptedException;
    }

    /** The figures of {@link FirstResult} that the client measures. */
    record Timings(String sessionId, long totalMillis, long submitToIdleMillis, long idleToResultMillis, long firstQueryMillis)
    {
        Timings
        {
            requireNonNull(sessionId, "sessionId is null");
        }
    }

    EmrysSessionRunner(SessionApi api, Path dataDir, String applicationId, Map<String, String> sparkDefaults)
    {
        this(api, dataDir, applicationId, sparkDefaults, Optional.empty());
    }

    /** @param client the client of {@link #firstResult}; empty: the Spark Connect JVM client in the harness */
    EmrysSessionRunner(SessionApi api, Path dataDir, String applicationId, Map<String, String> sparkDefaults, Optional<Client> client)
    {
        this.client = requireNonNull(client, "client is null");
        this.api = requireNonNull(api, "api is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.applicationId = requireNonNull(applicationId, "applicationId is null");
        this.sparkDefaults = Map.copyOf(requireNonNull(sparkDefaults, "sparkDefaults is null"));
    }

    /**
     * @param totalMillis from the StartSession call to the result of {@code SELECT 1} through the gateway
     * @param submitToJvmStartMillis from StartSession to the fork of the driver JVM ({@code driver.pid} written)
     * @param submitToIdleMillis to the first GetSession that saw IDLE
     * @param idleToResultMillis GetSessionEndpoint, client creation, TLS handshake and {@code SELECT 1}
     * @param firstQueryMillis the {@code SELECT 1} alone (the first query of a fresh server, through the gateway)
     * @param recordedArchive whether this server recorded the class-data archive (no archive to map yet)
     * @param driverRssKb the driver JVM's VmRSS right after the first result
     * @param driverExitCode how the driver JVM ended after TerminateSession (143: SIGTERM handled; 137: killed after the
     *        server's stop grace)
     * @param archiveAfter whether the shared class-data archive existed once the session had ended
     */
    record Sample(String sessionId, long totalMillis, long submitToJvmStartMillis, long submitToIdleMillis, long idleToResultMillis,
            long firstQueryMillis, boolean recordedArchive, OptionalLong driverRssKb, OptionalInt driverExitCode, boolean archiveAfter)
    {
        Sample
        {
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(driverRssKb, "driverRssKb is null");
            requireNonNull(driverExitCode, "driverExitCode is null");
        }
    }

    /** A session that is IDLE, for the gateway measurements; {@link #terminate} it afterwards. */
    record Live(String sessionId, Path workDir, long driverPid, int grpcPort, SessionApi.Endpoint endpoint)
    {
        Live
        {
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(workDir, "workDir is null");
            requireNonNull(endpoint, "endpoint is null");
        }
    }

    /** A cold session to its first result; the session is terminated (and its driver gone) before this returns. */
    Sample coldRun()
            throws IOException, InterruptedException
    {
        long submitEpochMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        String sessionId = api.startSession(applicationId, sparkDefaults);
        long idle = awaitIdle(sessionId, start);
        SessionApi.Endpoint endpoint = api.endpoint(applicationId, sessionId);
        long query;
        long result;
        try (SparkSession spark = ConnectClients.gateway(endpoint)) {
            query = System.nanoTime();
            ConnectClients.selectOne(spark);
            // Before close(): releasing the client's session is not part of getting the result.
            result = System.nanoTime();
        }
        Path workDir = workDir(sessionId);
        long pid = readPid(workDir);
        OptionalLong rss = ProcStatus.of(pid).map(status -> OptionalLong.of(status.rssKb())).orElse(OptionalLong.empty());
        long jvmStart = Files.getLastModifiedTime(workDir.resolve("driver.pid")).toMillis();
        boolean recorded = Files.exists(workDir.resolve("classes.jsa.target"));
        terminate(sessionId, pid, recorded);
        return new Sample(sessionId, TimeUnit.NANOSECONDS.toMillis(result - start), jvmStart - submitEpochMillis,
                TimeUnit.NANOSECONDS.toMillis(idle - start), TimeUnit.NANOSECONDS.toMillis(result - idle),
                TimeUnit.NANOSECONDS.toMillis(result - query), recorded, rss, exitCode(workDir),
                archive().isPresent());
    }

    /**
     * A session to its first result for the capacity benchmark, the same steps as {@link #coldRun} but without
     * assuming where the driver was forked: a cold session's driver writes {@code driver.pid} into the session's work
     * dir, a warm one lives in the application's pool ({@link WarmPool}), found by the assignment naming the session.
     *
     * @param warmDriver whether the session took a warm driver (an assignment in the pool names it)
     * @param driverRssKb the driver JVM's VmRSS right after the first result, when its pid was found
     */
    record FirstResult(String sessionId, long totalMillis, long submitToIdleMillis, long idleToResultMillis, long firstQueryMillis, boolean warmDriver,
            OptionalLong driverRssKb)
    {
        FirstResult
        {
            requireNonNull(sessionId, "sessionId is null");
            requireNonNull(driverRssKb, "driverRssKb is null");
        }
    }

    /** Runs one session to its first result; the session is terminated (and its driver, when known, gone) before this returns. */
    FirstResult firstResult(WarmPool pool)
            throws IOException, InterruptedException
    {
        Timings timings = client.isPresent() ? client.get().firstResult(applicationId, sparkDefaults) : jvmFirstResult();
        String sessionId = timings.sessionId();
        Optional<Path> warmDir = pool.assignedTo(applicationId, sessionId);
        Path driverDir = warmDir.orElse(workDir(sessionId));
        OptionalLong pid = WarmPool.driverPid(driverDir);
        OptionalLong rss = pid.isPresent()
                ? ProcStatus.of(pid.getAsLong()).map(status -> OptionalLong.of(status.rssKb())).orElse(OptionalLong.empty())
                : OptionalLong.empty();
        terminate(sessionId, pid.orElse(-1), Files.exists(driverDir.resolve("classes.jsa.target")));
        return new FirstResult(sessionId, timings.totalMillis(), timings.submitToIdleMillis(), timings.idleToResultMillis(), timings.firstQueryMillis(),
                warmDir.isPresent(), rss);
    }

    private Timings jvmFirstResult()
            throws IOException, InterruptedException
    {
        long start = System.nanoTime();
        String sessionId = api.startSession(applicationId, sparkDefaults);
        long idle = awaitIdle(sessionId, start);
        SessionApi.Endpoint endpoint = api.endpoint(applicationId, sessionId);
        long query;
        long result;
        try (SparkSession spark = ConnectClients.gateway(endpoint)) {
            query = System.nanoTime();
            ConnectClients.selectOne(spark);
            result = System.nanoTime();
        }
        return new Timings(sessionId, TimeUnit.NANOSECONDS.toMillis(result - start), TimeUnit.NANOSECONDS.toMillis(idle - start),
                TimeUnit.NANOSECONDS.toMillis(result - idle), TimeUnit.NANOSECONDS.toMillis(result - query));
    }

    /** Starts a session and waits until it is IDLE, for measurements against a live session. */
    Live startLive()
            throws IOException, InterruptedException
    {
        String sessionId = api.startSession(applicationId, sparkDefaults);
        awaitIdle(sessionId, System.nanoTime());
        Path workDir = workDir(sessionId);
        Properties properties = new Properties();
        try (BufferedReader reader = Files.newBufferedReader(workDir.resolve("spark.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        int port = Integer.parseInt(properties.getProperty(GRPC_PORT).strip());
        return new Live(sessionId, workDir, readPid(workDir), port, api.endpoint(applicationId, sessionId));
    }

    void terminate(Live session)
            throws IOException, InterruptedException
    {
        terminate(session.sessionId(), session.driverPid(), Files.exists(session.workDir().resolve("classes.jsa.target")));
    }

    /**
     * TerminateSession, then waits for TERMINATED and for the driver JVM to be gone (when its pid is known: above 0); after a recording run, also
     * (briefly) for the archive to be moved into {@code <data>/class-archives}, so that the next session maps it. The
     * server keeps a recording only after a clean exit, so one killed at the end of the stop grace leaves none.
     */
    private void terminate(String sessionId, long pid, boolean recorded)
            throws IOException, InterruptedException
    {
        api.terminate(applicationId, sessionId);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (!api.state(applicationId, sessionId).equals("TERMINATED") || (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("session " + sessionId + " did not end within " + STOP_TIMEOUT);
            }
            Thread.sleep(100);
        }
        long promotion = System.nanoTime() + ARCHIVE_PROMOTION.toNanos();
        while (recorded && archive().isEmpty() && System.nanoTime() < promotion) {
            Thread.sleep(100);
        }
    }

    /** The shared class-data archive of Connect servers, once there is one. */
    Optional<Path> archive()
            throws IOException
    {
        Path directory = dataDir.resolve("class-archives");
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).findFirst();
        }
    }

    private long awaitIdle(String sessionId, long start)
            throws IOException, InterruptedException
    {
        for (long poll = 1; ; poll++) {
            // Fixed-rate polling from the submit time, as for job runs.
            LockSupport.parkNanos(start + poll * EmrysJobRunner.POLL_INTERVAL.toNanos() - System.nanoTime());
            String state = api.state(applicationId, sessionId);
            long now = System.nanoTime();
            if (state.equals("IDLE")) {
                return now;
            }
            if (state.equals("FAILED") || state.equals("TERMINATED")) {
                throw new IllegalStateException("session " + sessionId + " ended " + state + " while starting; see " + workDir(sessionId));
            }
            if (now - start > START_TIMEOUT.toNanos()) {
                throw new IllegalStateException("session " + sessionId + " was not IDLE within " + START_TIMEOUT);
            }
        }
    }

    private Path workDir(String sessionId)
    {
        return dataDir.resolve("applications").resolve(applicationId).resolve("sessions").resolve(sessionId);
    }

    private static OptionalInt exitCode(Path workDir)
    {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(workDir.resolve("exit-code"), StandardCharsets.US_ASCII).strip()));
        }
        catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static long readPid(Path workDir)
            throws IOException
    {
        return Long.parseLong(Files.readString(workDir.resolve("driver.pid"), StandardCharsets.US_ASCII).strip());
    }
}
