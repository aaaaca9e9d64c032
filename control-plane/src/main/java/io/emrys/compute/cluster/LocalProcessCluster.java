package io.emrys.compute.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.compute.connect.ConnectServerLaunchRequest;
import io.emrys.compute.connect.ConnectServerLauncher;
import io.emrys.compute.connect.ConnectServerProcess;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncher;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlanner;
import io.emrys.compute.driver.DriverProcess;
import io.emrys.compute.driver.JobClassArchives;
import io.emrys.compute.driver.LogArchiver;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.compute.standalone.StandaloneHost;
import io.emrys.compute.standalone.StandaloneHostLauncher;
import io.emrys.compute.standalone.WorkerEvents;
import io.emrys.compute.warm.WarmDriver;
import io.emrys.compute.warm.WarmDriverLauncher;
import io.emrys.compute.warm.WarmDriverWarmUp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The cluster manager of child processes on this machine: drivers are JVMs under a shell wrapper, executors run on a
 * Spark standalone host per application, and a driver's ref is {@code local-process:<pid>}. It delegates to the
 * launchers of {@code compute.driver}, {@code compute.connect}, {@code compute.warm} and {@code compute.standalone},
 * and is the only code that reads a {@link DriverRef} or a pid file.
 */
public final class LocalProcessCluster
        implements ClusterManager, AutoCloseable
{
    private static final String REF_PREFIX = "local-process:";
    /** The pid files the launchers write into a driver's and a standalone host's work dir. */
    private static final String DRIVER_PID_FILE = "driver.pid";
    private static final String HOST_PID_FILE = "standalone-host.pid";
    /** The standalone worker keeps executor logs under {@code <host>/worker/<app-id>/<executor-id>/}. */
    private static final String WORKER_DIR = "worker";

    private final DriverLauncher drivers;
    private final ConnectServerLauncher connectServers;
    private final WarmDriverLauncher warmDrivers;
    private final StandaloneHostLauncher hosts;
    private final Optional<JobClassArchiveRecorder> classArchiveRecorder;
    private final WorkerEvents events = new WorkerEvents(new ObjectMapper());
    private final LogArchiver archiver = new LogArchiver();

    public LocalProcessCluster(DriverLauncher drivers, ConnectServerLauncher connectServers, WarmDriverLauncher warmDrivers, StandaloneHostLauncher hosts)
    {
        this(drivers, connectServers, warmDrivers, hosts, Optional.empty());
    }

    private LocalProcessCluster(DriverLauncher drivers, ConnectServerLauncher connectServers, WarmDriverLauncher warmDrivers, StandaloneHostLauncher hosts,
            Optional<JobClassArchiveRecorder> classArchiveRecorder)
    {
        this.drivers = requireNonNull(drivers, "drivers is null");
        this.connectServers = requireNonNull(connectServers, "connectServers is null");
        this.warmDrivers = requireNonNull(warmDrivers, "warmDrivers is null");
        this.hosts = requireNonNull(hosts, "hosts is null");
        this.classArchiveRecorder = requireNonNull(classArchiveRecorder, "classArchiveRecorder is null");
    }

    /**
     * The launchers of one control plane, owned by the cluster (closed with it). {@code classArchives} is where
     * Connect servers keep their class-data archives, and job runs' drivers, executors and standalone hosts theirs
     * ({@link JobClassArchives}); {@code probeInterval} how often a starting server is probed.
     */
    public static LocalProcessCluster start(DriverLauncherConfig config, Clock clock, Optional<Path> classArchives, Duration probeInterval)
    {
        JobClassArchives jobArchives = new JobClassArchives(classArchives, config.javaExecutable());
        DriverLauncher drivers = new DriverLauncher(config, clock, jobArchives);
        StandaloneHostLauncher hosts = new StandaloneHostLauncher(config, jobArchives);
        Optional<JobClassArchiveRecorder> recorder = classArchives.map(folder -> new JobClassArchiveRecorder(drivers, new DriverPlanner(config),
                new StandaloneHostLauncher(config), jobArchives, config.javaExecutable(), folder.resolve("recording")));
        return new LocalProcessCluster(drivers, new ConnectServerLauncher(config, clock, classArchives, probeInterval),
                new WarmDriverLauncher(config, clock), hosts, recorder);
    }

    /**
     * Records the class-data archives of job runs on {@code runtime} that are not kept yet, with a warm-up job of
     * its own (see {@link JobClassArchiveRecorder}); blocks for tens of seconds, so call it from a background
     * thread, never for a user's run. Returns whether the runtime has all its archives afterwards.
     */
    public boolean recordJobClassArchives(SparkRuntime runtime)
    {
        return classArchiveRecorder.map(recorder -> recorder.record(runtime)).orElse(false);
    }

    /** The ref of the local process {@code pid}. */
    public static DriverRef processRef(long pid)
    {
        return new DriverRef(REF_PREFIX + pid);
    }

    /** The process id in a ref this cluster manager made; empty for another cluster manager's ref. */
    public static OptionalLong processId(DriverRef ref)
    {
        if (!ref.value().startsWith(REF_PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(ref.value().substring(REF_PREFIX.length())));
        }
        catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public DriverRef ref(DriverProcess driver)
    {
        return processRef(driver.pid());
    }

    @Override
    public DriverProcess launchDriver(DriverLaunchRequest request)
    {
        return drivers.launch(request);
    }

    @Override
    public ConnectServerProcess launchConnectServer(ConnectServerLaunchRequest request)
    {
        return connectServers.launch(request);
    }

    @Override
    public WarmDriver launchWarmDriver(DriverLaunchRequest request, WarmDriverWarmUp warmUp)
    {
        return warmDrivers.start(request, warmUp);
    }

    @Override
    public Optional<DriverProcess> adoptDriver(DriverRef ref, Path workDir)
    {
        // a ref that is not a local process's names a driver this machine cannot reach: it is lost, as a vanished pid is
        OptionalLong pid = processId(ref);
        return pid.isPresent() ? drivers.adopt(pid.getAsLong(), workDir) : Optional.empty();
    }

    @Override
    public OptionalInt recordedExit(Path workDir)
    {
        return drivers.recordedExit(workDir);
    }

    @Override
    public Optional<ConnectServerProcess> adoptConnectServer(DriverRef ref, Path workDir)
    {
        OptionalLong pid = processId(ref);
        return pid.isPresent() ? connectServers.adopt(pid.getAsLong(), workDir) : Optional.empty();
    }

    @Override
    public void stopDriver(DriverProcess driver, Duration grace)
    {
        driver.stop(grace);
    }

    @Override
    public boolean stopLeftoverDriver(Path workDir)
    {
        // only a process whose command line names the work dir: a recycled pid is someone else's and is left alone
        Optional<ProcessHandle> process = readPid(workDir.resolve(DRIVER_PID_FILE)).flatMap(ProcessHandle::of)
                .filter(handle -> handle.info().commandLine().orElse("").contains(workDir.toString()));
        process.ifPresent(ProcessHandle::destroy);
        return process.isPresent();
    }

    @Override
    public StandaloneHost startExecutorHost(SparkRuntime runtime, Path workDir, int cores, long memoryMb)
    {
        return hosts.start(runtime, workDir, cores, memoryMb);
    }

    @Override
    public Optional<StandaloneHost> adoptExecutorHost(Path workDir)
    {
        return readPid(workDir.resolve(HOST_PID_FILE)).flatMap(pid -> StandaloneHost.adopt(pid, workDir));
    }

    @Override
    public void stopExecutorHost(StandaloneHost host, Duration grace)
    {
        host.stop(grace);
    }

    @Override
    public WorkerEvents.Batch readExecutorEvents(Path eventsFile, long offset)
    {
        return events.read(eventsFile, offset);
    }

    @Override
    public void archiveDriverLogs(Path workDir)
            throws IOException
    {
        archiver.archive(workDir);
    }

    @Override
    public void archiveExecutorLogs(Path hostDir, String sparkApplicationId, String executorId, Path workDir)
            throws IOException
    {
        archiver.archiveExecutor(hostDir.resolve(WORKER_DIR).resolve(sparkApplicationId).resolve(executorId), executorId, workDir);
    }

    @Override
    public void close()
    {
        connectServers.close();
        warmDrivers.close();
        drivers.close();
    }

    private static Optional<Long> readPid(Path file)
    {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
