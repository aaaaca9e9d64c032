package io.emrys.pool;

import static java.util.Objects.requireNonNull;

import io.emrys.application.Application;
import io.emrys.compute.cluster.ClusterManager;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.standalone.StandaloneHost;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Spark standalone host (master and worker in one JVM) per application, under {@code poolRoot/<application>/}:
 * started on first need, re-adopted after a restart, stopped with the application.
 */
final class StandaloneHosts
{
    private static final Logger log = LoggerFactory.getLogger(StandaloneHosts.class);
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final String HOST_DIR = "standalone-host";

    private final RuntimeCatalog runtimes;
    private final ClusterManager cluster;
    private final ApplicationPools pools;
    private final Path poolRoot;
    private final ExecutorService threads;

    StandaloneHosts(RuntimeCatalog runtimes, ClusterManager cluster, ApplicationPools pools, Path poolRoot, ExecutorService threads)
    {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.pools = requireNonNull(pools, "pools is null");
        this.poolRoot = requireNonNull(poolRoot, "poolRoot is null");
        this.threads = requireNonNull(threads, "threads is null");
    }

    /** The host's folder; what the cluster manager keeps of it (such as executor logs) is below it. */
    Path hostDir(String applicationId)
    {
        return poolRoot.resolve(applicationId).resolve(HOST_DIR);
    }

    /** The master URL of the application's standalone host, starting the host on first need and waiting until it is ready. */
    String master(Application application)
    {
        return start(application).awaitMasterUrl();
    }

    /**
     * The application's standalone host, started on first need: returns once its JVM runs and its secret is
     * written, which is all a driver needs to be started beside it; the host's master may not be ready yet.
     */
    HostStart start(Application application)
    {
        ApplicationPool pool = pools.get(application.id().value());
        CompletableFuture<StandaloneHost> host;
        // the pool's monitor, so that two first works of an application never start two hosts
        synchronized (pool) {
            Optional<CompletableFuture<StandaloneHost>> existing = pool.host()
                    .filter(started -> !started.isCompletedExceptionally() && (!started.isDone() || started.join().isAlive()));
            if (existing.isPresent()) {
                host = existing.get();
            }
            else {
                Capacity maximum = WorkerSizes.maximum(application.configuration());
                Path workDir = hostDir(application.id().value());
                host = CompletableFuture.supplyAsync(() -> cluster.startExecutorHost(runtimes.runtime(application.configuration().releaseLabel()), workDir,
                        Math.max(1, (int) Math.floor(maximum.vcpu())), (long) Math.floor(maximum.memoryGb() * 1024)), threads);
                pool.setHost(host);
            }
        }
        StandaloneHost started;
        try {
            started = host.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            throw new EmrysException(ErrorCode.INTERNAL, "The Spark standalone host of application " + application.id() + " did not start within " + START_TIMEOUT, e);
        }
        catch (Exception e) {
            throw new EmrysException(ErrorCode.INTERNAL, "The Spark standalone host of application " + application.id() + " could not be started: "
                    + Futures.rootMessage(e), e);
        }
        return new HostStart(application.id().value(), started.readyFile(), started.ready(), START_TIMEOUT);
    }

    /** The {@code spark.authenticate} secret file of the application's host, once {@link #master} has started it. */
    Path authSecretFile(Application application)
    {
        return StandaloneHost.authSecretFile(hostDir(application.id().value()));
    }

    /** After a restart: the host the previous control plane started for the application, when it still runs. */
    void adopt(String applicationId)
    {
        cluster.adoptExecutorHost(hostDir(applicationId)).ifPresent(host -> {
            log.info("Re-adopted the Spark standalone host of application {} ({})", applicationId, host);
            pools.get(applicationId).setHost(CompletableFuture.completedFuture(host));
        });
    }

    /** Stops a host once it has started; blocks until it is asked to stop (a host that never started is left be). */
    void stop(CompletableFuture<StandaloneHost> host)
    {
        host.thenAccept(running -> cluster.stopExecutorHost(running, STOP_GRACE)).exceptionally(failure -> null).join();
    }
}
