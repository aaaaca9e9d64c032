package io.emrys.server;

import io.emrys.application.ConfigurationPolicy;
import io.emrys.common.ExecutionRoles;
import io.emrys.common.DaemonThreads;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.cluster.LocalProcessCluster;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.runtime.ReleaseCatalog;
import io.emrys.compute.runtime.RuntimeAssembler;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.RuntimeFolders;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.dashboard.DashboardService;
import io.emrys.jobrun.JobDriverRequests;
import io.emrys.jobrun.SparkJobRunDrivers;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRows;
import io.emrys.objectstore.ObjectStoreSettings;
import io.emrys.pool.CapacityLedger;
import io.emrys.pool.ComputePools;
import io.emrys.session.SparkSessionDrivers;
import io.emrys.store.Transactions;
import io.emrys.workload.PooledDrivers;
import io.emrys.workload.WorkCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where work runs: the Spark runtimes of the checkout, the cluster manager that starts driver, warm-driver,
 * Connect-server and executor-host JVMs (local processes), every application's pool, and the job-run and session drivers built on them. Closing it
 * stops every JVM it started, pools first.
 */
record SparkComputeModule(RuntimeCatalog runtimes, ClusterManager cluster, ComputePools pools, SparkJobRunDrivers jobRunDrivers, SparkSessionDrivers sessionDrivers,
        RuntimeAssembler assembler, ExecutorService assembly, Runnable classArchiveRecording, List<AutoCloseable> closeables)
        implements AutoCloseable
{
    static SparkComputeModule create(EmrysConfig config, Clock clock, Transactions transactions, WorkerDao workers, ObjectStoreSettings storage,
            ExecutionRoles roles)
    {
        // role sessions only where the store can authenticate Emrys's temporary keys: never an operator's external store
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("role-session-renewal"));
        WorkCredentials credentials = new WorkCredentials(roles, config.executionRoleCredentials() && config.externalObjectStore().isEmpty(), renewals, clock);
        Path runtimeCache = config.dataDir().resolve("runtimes");
        RuntimeCatalog runtimes = new RuntimeCatalog(ReleaseCatalog.load(), config.releasePins(),
                new RuntimeFolders(List.of(config.projectRoot()), List.of(runtimeCache)));
        // one assembly at a time: each resolves and links a few hundred jars, and two would only compete for the disk
        ExecutorService assembly = Executors.newSingleThreadExecutor(DaemonThreads.named("runtime-assembly"));
        DriverLauncherConfig launcherConfig = DriverLauncherConfig.defaults()
                .withDefaultDriverResources(config.driverCores(), MemorySize.parse(config.driverMemoryMb() + "m", "driver memory"));
        // drivers and executors run as local processes; a second cluster manager plugs in here
        LocalProcessCluster cluster = LocalProcessCluster.start(launcherConfig, clock, Optional.of(config.dataDir().resolve("class-archives")),
                Duration.ofMillis(100));
        JobDriverRequests jobRequests = new JobDriverRequests(runtimes, storage::hadoopS3aProperties, credentials, DashboardService::proxyBase);
        ComputePools pools = new ComputePools(runtimes, cluster, new CapacityLedger(config.quotas().concurrentVcpus()), new WorkerRows(transactions, workers), clock,
                config.dataDir().resolve("pool"), jobRequests);
        PooledDrivers pooled = new PooledDrivers(pools, cluster);
        // one runtime at a time, in the background: each recording is a small Spark job with a host, a driver and an executor
        ExecutorService recording = Executors.newSingleThreadExecutor(DaemonThreads.named("class-archive-recording"));
        Runnable classArchiveRecording = () -> recording.execute(() -> {
            Set<Path> homes = new LinkedHashSet<>();
            for (String label : runtimes.supportedLabels()) {
                Optional<SparkRuntime> runtime = runtimes.installed(label);
                if (runtime.isPresent() && homes.add(runtime.get().home()) && !Thread.currentThread().isInterrupted()) {
                    cluster.recordJobClassArchives(runtime.get());
                }
            }
        });
        return new SparkComputeModule(runtimes, cluster, pools,
                new SparkJobRunDrivers(runtimes, cluster, jobRequests, pooled, credentials),
                new SparkSessionDrivers(runtimes, cluster, storage::hadoopS3aProperties, DashboardService::proxyBase, pooled, credentials),
                new RuntimeAssembler(runtimeCache, config.offline()), assembly, classArchiveRecording,
                // closed in reverse: the pools' warm drivers and hosts stop before the cluster's launchers
                // the recording first of all: interrupted, it stops its own host and driver within seconds
                List.of(assembly::shutdownNow, renewals::shutdownNow, cluster, pools, () -> {
                    recording.shutdownNow();
                    recording.awaitTermination(30, TimeUnit.SECONDS);
                }));
    }

    /**
     * Records, in the background, the class-data archives of job runs for each installed runtime that lacks them
     * (see {@link LocalProcessCluster#recordJobClassArchives}); the server calls it once it serves requests.
     */
    void recordClassArchives()
    {
        classArchiveRecording.run();
    }

    /** Checks what an application asks of compute before it is stored, and adds what its release label turns on. */
    ConfigurationPolicy configurationPolicy()
    {
        return new ComputeConfigurationPolicy(runtimes, jobRunDrivers, assembler, assembly);
    }

    @Override
    public void close()
    {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            }
            catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(SparkComputeModule.class).warn("Could not close {}", closeables.get(i), e);
            }
        }
    }
}
