package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.testing.EmrysProcess;
import io.emrys.testing.EmrysServerCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connect.SparkSession;

/**
 * How many idle interactive sessions, each with its own driver, one application holds on this machine (issue I's
 * goal: AWS's default of 25 per application, each driver at most 700 MB resident). Starts that many sessions at
 * once on a server of its own (quotas raised past AWS's defaults, so that the machine is what limits), waits for
 * each to be IDLE, lets them settle, proves each alive with {@code SELECT 1} through the gateway, then samples every
 * session driver's RSS, the control plane's and the machine's available memory, and terminates them.
 */
final class IdleSessionsPart
{
    private static final Duration START_TIMEOUT = Duration.ofMinutes(20);
    /** Long enough for dynamic allocation to release an idle session's executors (60 s idle timeout). */
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final long GOAL_SESSIONS = 25;
    private static final long GOAL_DRIVER_RSS_MB = 700;

    record Settings(int sessions)
    {
        Settings
        {
            if (sessions < 1) {
                throw new IllegalArgumentException("sessions must be at least 1: " + sessions);
            }
        }
    }

    private final Settings settings;
    private final EmrysServerCommand command;
    private final SparkRuntime runtime;
    private final Path scratch;

    IdleSessionsPart(Settings settings, EmrysServerCommand command, SparkRuntime runtime, Path scratch)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.command = requireNonNull(command, "command is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.scratch = requireNonNull(scratch, "scratch is null");
    }

    String run()
            throws IOException, InterruptedException
    {
        int count = settings.sessions();
        List<String> flags = List.of("--no-class-archive-recording", "--max-concurrent-vcpus", Integer.toString(count * 4 + 16),
                "--max-session-tokens", Integer.toString(count * 4 + 16));
        long availableBefore = memAvailableKb();
        try (EmrysProcess server = new EmrysProcess(command, scratch.resolve("idle-sessions"), flags).start()) {
            ConnectClients.trustGateway(server.gatewayTrustStore());
            SessionApi api = new SessionApi(server.apiEndpoint(), server.rootKey(), server.executionRoleArn());
            // every session: a 1-vCPU, 1 GB driver and at most one executor of that size, which dynamic allocation releases when idle
            String applicationId = api.createStartedSessionApplication("bench-idle-sessions", runtime.releaseLabel().label(), (count * 2 + 2) + " vCPU",
                    (count * 6 + 8) + " GB");
            Map<String, String> defaults = Map.of("spark.driver.cores", "1", "spark.driver.memory", "1g", "spark.executor.cores", "1",
                    "spark.executor.memory", "1g", "spark.dynamicAllocation.maxExecutors", "1");
            long start = System.nanoTime();
            List<String> sessionIds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sessionIds.add(api.startSession(applicationId, defaults));
            }
            System.err.printf("emrys-bench: idle sessions: %d started at once on application %s%n", count, applicationId);
            List<String> idle = new ArrayList<>();
            Optional<String> failure = Optional.empty();
            for (String sessionId : sessionIds) {
                Optional<String> ended = awaitIdle(api, applicationId, sessionId, start);
                if (ended.isPresent()) {
                    failure = failure.or(() -> ended);
                }
                else {
                    idle.add(sessionId);
                }
            }
            long allIdleMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.err.printf("emrys-bench: idle sessions: %d of %d IDLE after %d ms; settling %s%n", idle.size(), count, allIdleMillis, SETTLE);
            Thread.sleep(SETTLE.toMillis());
            int answered = 0;
            for (String sessionId : idle) {
                try (SparkSession spark = ConnectClients.gateway(api.endpoint(applicationId, sessionId))) {
                    ConnectClients.selectOne(spark);
                    answered++;
                }
            }
            List<Long> driverRssKb = new ArrayList<>();
            for (String sessionId : idle) {
                Path pidFile = server.dataDir().resolve("applications").resolve(applicationId).resolve("sessions").resolve(sessionId).resolve("driver.pid");
                long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
                ProcStatus.of(pid).ifPresent(status -> driverRssKb.add(status.rssKb()));
            }
            long availableDuring = memAvailableKb();
            Optional<ProcStatus> controlPlane = ProcStatus.of(server.pid());
            for (String sessionId : sessionIds) {
                api.terminate(applicationId, sessionId);
            }
            return render(count, idle.size(), answered, failure, allIdleMillis, Distribution.of(driverRssKb), controlPlane, availableBefore, availableDuring);
        }
    }

    private static Optional<String> awaitIdle(SessionApi api, String applicationId, String sessionId, long start)
            throws IOException, InterruptedException
    {
        while (true) {
            String state = api.state(applicationId, sessionId);
            if (state.equals("IDLE")) {
                return Optional.empty();
            }
            if (state.equals("FAILED") || state.equals("TERMINATED")) {
                return Optional.of("session " + sessionId + " ended " + state + " while starting");
            }
            if (System.nanoTime() - start > START_TIMEOUT.toNanos()) {
                return Optional.of("session " + sessionId + " was " + state + ", not IDLE, after " + START_TIMEOUT);
            }
            Thread.sleep(500);
        }
    }

    private String render(int started, int idle, int answered, Optional<String> failure, long allIdleMillis, Distribution driverRssKb,
            Optional<ProcStatus> controlPlane, long availableBeforeKb, long availableDuringKb)
    {
        StringBuilder out = new StringBuilder("## Idle sessions on one application\n\n");
        out.append(String.format(Locale.ROOT, "%d sessions started at once (StartSession, 1-vCPU 1 GB drivers, at most one 1 GB executor each, released when "
                + "idle) on %s, on a server of their own with the account's vCPU and session-token quotas raised; sampled %d s after the last was IDLE.%n%n",
                started, runtime.releaseLabel().label(), SETTLE.toSeconds()));
        out.append("| figure | value |\n|---|---:|\n");
        out.append(String.format(Locale.ROOT, "| sessions IDLE | %d of %d |%n", idle, started));
        out.append(String.format(Locale.ROOT, "| sessions that answered `SELECT 1` through the gateway after settling | %d |%n", answered));
        out.append(String.format(Locale.ROOT, "| StartSession of the first to IDLE of the last | %.1f s |%n", allIdleMillis / 1000.0));
        if (driverRssKb.count() > 0) {
            out.append(String.format(Locale.ROOT, "| session driver RSS, median / max | %d / %d MB |%n", Math.round(driverRssKb.median() / 1024), driverRssKb.max() / 1024));
        }
        out.append(String.format(Locale.ROOT, "| control plane RSS | %s |%n", controlPlane.map(status -> status.rssKb() / 1024 + " MB").orElse("n/a")));
        out.append(String.format(Locale.ROOT, "| machine MemAvailable before / with the sessions idle | %d / %d MB |%n", availableBeforeKb / 1024, availableDuringKb / 1024));
        failure.ifPresent(reason -> out.append("\nFirst session that did not become IDLE: ").append(reason).append('\n'));
        boolean enough = idle >= GOAL_SESSIONS && answered == idle;
        boolean small = driverRssKb.count() > 0 && driverRssKb.max() / 1024 <= GOAL_DRIVER_RSS_MB;
        out.append(String.format(Locale.ROOT, "%nGoal: %d idle sessions of one application, each answering: **%s** (%d). Goal: each session driver <= %d MB RSS: "
                + "**%s** (max %s MB).%n%n", GOAL_SESSIONS, enough ? "met" : "missed", answered, GOAL_DRIVER_RSS_MB, small ? "met" : "missed",
                driverRssKb.count() > 0 ? Long.toString(driverRssKb.max() / 1024) : "n/a"));
        return out.toString();
    }

    private static long memAvailableKb()
            throws IOException
    {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("MemAvailable:")) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                return Long.parseLong(value.substring(0, value.indexOf(' ')));
            }
        }
        return -1;
    }
}
