package io.emrys.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.emrys.api.auth.SigV4AuthDecorator;
import io.emrys.api.protocol.RestJson1Service;
import io.emrys.api.protocol.SmithyModels;
import io.emrys.api.serverless.Dashboards;
import io.emrys.api.serverless.JobRunUsage;
import io.emrys.api.serverless.ServerlessErrors;
import io.emrys.api.serverless.ServerlessOperations;
import io.emrys.application.ApplicationDao;
import io.emrys.application.ApplicationService;
import io.emrys.common.Account;
import io.emrys.common.ResourceIds;
import io.emrys.compute.cluster.LocalProcessCluster;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.ReleaseLabel;
import io.emrys.dashboard.DashboardService;
import io.emrys.dashboard.EmrysDashboards;
import io.emrys.dashboard.HistoryServerConfig;
import io.emrys.dashboard.JobRunUiLookup;
import io.emrys.dashboard.RunUi;
import io.emrys.gateway.ConnectGateway;
import io.emrys.gateway.GatewayConfig;
import io.emrys.gateway.GatewayTls;
import io.emrys.gateway.SessionActivity;
import io.emrys.gateway.SessionTarget;
import io.emrys.session.SessionDao;
import io.emrys.session.SessionId;
import io.emrys.session.SessionService;
import io.emrys.session.SessionState;
import io.emrys.session.SparkSessionDrivers;
import io.emrys.dashboard.SparkHistoryServer;
import io.emrys.iam.AccessKeyDao;
import io.emrys.iam.AccessKeys;
import io.emrys.jobrun.JobRunDao;
import io.emrys.jobrun.JobRunExecutor;
import io.emrys.jobrun.JobRunRegistry;
import io.emrys.jobrun.JobRunService;
import io.emrys.api.usage.ApplicationUsageService;
import io.emrys.jobrun.JobDriverRequests;
import io.emrys.jobrun.SparkJobRunDrivers;
import io.emrys.workload.DriverSupervisor;
import io.emrys.workload.PooledDrivers;
import io.emrys.pool.CapacityLedger;
import io.emrys.pool.ComputePools;
import io.emrys.pool.WorkerSizes;
import io.emrys.logs.JobRunLogPublisher;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerUsage;
import io.emrys.objectstore.EmbeddedObjectStore;
import io.emrys.objectstore.ObjectStoreSettings;
import io.emrys.objectstore.ObjectUploader;
import io.emrys.objectstore.S3Clients;
import io.emrys.store.Database;
import io.emrys.store.IdempotencyTokens;
import io.emrys.store.Transactions;
import io.emrys.tagging.TagDao;
import io.emrys.tagging.TagService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The composition root: builds every component of one Emrys control plane from its config, starts it, and
 * stops it in reverse order. Nothing else constructs services.
 */
public final class EmrysServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EmrysServer.class);

    private final EmrysConfig config;
    private final Clock clock;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Server api;
    private EmbeddedObjectStore objectStore;
    private ObjectStoreSettings objectStoreSettings;
    private AccessKeys accessKeys;
    private ApplicationService applications;
    private JobRunExecutor executor;
    private JobRunService jobRuns;
    private SessionService sessions;
    private ConnectGateway gateway;
    private ScheduledExecutorService housekeeping;

    public EmrysServer(EmrysConfig config, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public EmrysServer start()
    {
        try {
            Files.createDirectories(config.dataDir());
            ObjectMapper json = new ObjectMapper();
            Transactions transactions = new Transactions(Database.openSqlite(config.dataDir().resolve("emrys.db")));
            accessKeys = new AccessKeys(transactions, new AccessKeyDao(), clock);
            Account account = new Account(accessKeys.accountId(), config.region());

            ObjectStoreSettings storage;
            if (config.externalObjectStore().isPresent()) {
                storage = config.externalObjectStore().get();
            }
            else {
                objectStore = new EmbeddedObjectStore(config.dataDir().resolve("s3"), config.objectStorePort(), accessKeys.root());
                objectStore.start();
                closeables.add(objectStore);
                storage = objectStore.settings();
            }
            objectStoreSettings = storage;
            S3Client s3 = S3Clients.create(storage);
            closeables.add(s3);

            RuntimeCatalog runtimes = RuntimeCatalog.forProjectRoot(config.projectRoot());
            DriverLauncherConfig launcherConfig = DriverLauncherConfig.defaults()
                    .withDefaultDriverResources(config.driverCores(), MemorySize.parse(config.driverMemoryMb() + "m", "driver memory"));
            LocalProcessCluster cluster = LocalProcessCluster.start(launcherConfig, clock, Optional.of(config.dataDir().resolve("class-archives")), Duration.ofMillis(100));
            closeables.add(cluster);

            ResourceIds ids = ResourceIds.secure();
            IdempotencyTokens tokens = new IdempotencyTokens();
            WorkerDao workerDao = new WorkerDao();
            JobDriverRequests jobRequests = new JobDriverRequests(runtimes, storage::hadoopS3aProperties, DashboardService::proxyBase);
            ComputePools pools = new ComputePools(runtimes, cluster,
                    new CapacityLedger(), transactions, workerDao, clock, config.dataDir().resolve("pool"), jobRequests);
            closeables.add(pools);
            PooledDrivers pooled = new PooledDrivers(pools, cluster);
            SparkJobRunDrivers drivers = new SparkJobRunDrivers(runtimes, cluster, jobRequests, pooled);
            applications = new ApplicationService(account, transactions, new ApplicationDao(json), tokens, ids, clock, configuration -> {
                drivers.validateApplication(configuration);
                WorkerSizes.validate(configuration);
            });
            applications.setCapacity(pools);
            TagService tags = new TagService(transactions, new TagDao());
            JobRunRegistry registry = new JobRunRegistry(transactions, new JobRunDao(json));
            JobRunLogPublisher logPublisher = new JobRunLogPublisher(new ObjectUploader(s3), cluster);
            ExecutorService jobThreads = Executors.newCachedThreadPool(daemonThreads("job-run"));
            executor = new JobRunExecutor(registry, applications, drivers, new DriverSupervisor(transactions, workerDao, clock, jobThreads, config.stopGrace()),
                    logPublisher, config.dataDir().resolve("applications"), clock, jobThreads);
            jobRuns = new JobRunService(account, transactions, new JobRunDao(json), registry, executor, applications, drivers, tags, tokens, ids, clock);

            ExecutorService sessionThreads = Executors.newCachedThreadPool(daemonThreads("session"));
            // a session's stop grace is longer than a job's: a session that records the class-data archive writes it while it stops
            DriverSupervisor sessionDrivers = new DriverSupervisor(transactions, workerDao, clock, sessionThreads, config.stopGrace().plusSeconds(20));
            sessions = new SessionService(account, transactions, new SessionDao(json), workerDao, applications,
                    new SparkSessionDrivers(runtimes, cluster, storage::hadoopS3aProperties, DashboardService::proxyBase, pooled), sessionDrivers,
                    tags, tokens, ids, clock, sessionThreads, config.dataDir().resolve("applications"), (session, workDir) -> logPublisher.publishSession(session.applicationId().value(), session.id().value(), workDir,
                            applications.find(session.applicationId())
                                    .map(application -> application.configuration().monitoringConfiguration().path("s3MonitoringConfiguration").path("logUri").asText(""))
                                    .filter(uri -> !uri.isEmpty())));
            applications.setActivity(id -> jobRuns.hasLiveWork(id) || sessions.hasLiveWork(id));
            tags.setResourceResolver(arn -> applications.isLiveArn(arn) || jobRuns.exists(arn) || sessions.exists(arn));
            gateway = ConnectGateway.start(
                    config.gatewayTls() ? GatewayConfig.tls(config.gatewayPort(), config.dataDir().resolve("tls")) : GatewayConfig.plaintext(config.gatewayPort()),
                    token -> sessions.resolveToken(token).map(session -> new SessionTarget(session.id().value(), session.grpcPort().orElseThrow())),
                    sessions.activity(),
                    clock);
            closeables.add(gateway);

            WorkerUsage usage = new WorkerUsage(transactions, workerDao);
            JobRunUsage runUsage = (run, attempt, now) -> {
                WorkerUsage.Usage figures = usage.usage(run.id().value(), attempt.attempt(), now);
                return new JobRunUsage.Figures(figures.total(), figures.billed());
            };
            SparkHistoryServer history = new SparkHistoryServer(HistoryServerConfig.defaults(config.dataDir().resolve("spark-history")),
                    () -> runtimes.runtime(ReleaseLabel.EMR_SPARK_8_0.label()));
            JobRunUiLookup jobRunUis = new JobRunUiLookup(registry::attempts);
            DashboardService dashboard = new DashboardService(id -> jobRunUis.apply(id).or(() -> sessionUi(id)), history);
            closeables.add(dashboard);
            Dashboards dashboards = new EmrysDashboards(this::apiEndpoint);

            RestJson1Service serverless = RestJson1Service.builder(SmithyModels.emrServerless(), SmithyModels.EMR_SERVERLESS, new ServerlessErrors())
                    .handlers(ServerlessOperations.handlers(applications, jobRuns, sessions, tags, runUsage, dashboards, this::gatewayEndpoint,
                            session -> apiEndpoint() + DashboardService.proxyBase(session.dashboardId()) + "/", clock))
                    .build();
            ServerBuilder builder = Server.builder()
                    .http(new InetSocketAddress("127.0.0.1", config.apiPort()))
                    .serviceUnder("/", serverless.decorate(new SigV4AuthDecorator(accessKeys, clock)));
            builder.serviceUnder(ApplicationUsageService.PREFIX, new ApplicationUsageService(applications, transactions, workerDao, pools)
                    .decorate(new SigV4AuthDecorator(accessKeys, clock)));
            // Spark UIs for browsers: not signed, which is why the server listens on loopback only
            dashboard.mountOn(builder);
            api = builder.build();
            api.start().join();

            pools.recover();
            applications.recover();
            executor.recover();
            sessions.recover();
            housekeeping = Executors.newSingleThreadScheduledExecutor(daemonThreads("housekeeping"));
            long interval = config.housekeepingInterval().toMillis();
            housekeeping.scheduleWithFixedDelay(this::housekeep, interval, interval, TimeUnit.MILLISECONDS);

            // With an external store the profile names no S3 endpoint: its keys are not the Emrys account's.
            AwsProfileFiles.write(config.dataDir().resolve("aws"), accessKeys.root(), config.region(), apiEndpoint(),
                    Optional.ofNullable(objectStore).map(EmbeddedObjectStore::endpoint));
            return this;
        }
        catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Auto-stop and execution timeouts; also called by tests after moving the clock. */
    public void housekeep()
    {
        try {
            executor.enforceTimeouts();
            sessions.expire();
            applications.stopIdleApplications();
        }
        catch (RuntimeException e) {
            log.warn("Housekeeping failed; it will run again", e);
        }
    }

    public URI apiEndpoint()
    {
        return URI.create("http://127.0.0.1:" + api.activeLocalPort());
    }

    public URI objectStoreEndpoint()
    {
        return objectStoreSettings.endpoint();
    }

    /**
     * The URL GetSessionEndpoint returns: {@code https://localhost:PORT}, without the port when the gateway listens on
     * 443, so code written for AWS (which builds {@code sc://HOST:443/;use_ssl=true;x-aws-proxy-auth=TOKEN} from the
     * URL's host) works unchanged. Any Spark Connect client connects with {@code sc://localhost:PORT/;use_ssl=true;token=TOKEN}.
     */
    public URI gatewayEndpoint()
    {
        String scheme = config.gatewayTls() ? "https" : "http";
        int port = gateway.port();
        return URI.create(scheme + "://" + GatewayConfig.DEFAULT_ADVERTISED_HOST + (port == 443 && config.gatewayTls() ? "" : ":" + port));
    }

    /** The trust store (PKCS12) holding the gateway's CA, for JVM clients; empty for a plaintext gateway. */
    public Optional<Path> gatewayTrustStore()
    {
        return gateway.tls().map(GatewayTls::truststore);
    }

    private Optional<RunUi> sessionUi(String dashboardId)
    {
        if (!dashboardId.endsWith("-1")) {
            return Optional.empty();
        }
        String id = dashboardId.substring(0, dashboardId.length() - 2);
        if (id.isEmpty() || !id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            return Optional.empty();
        }
        return sessions.find(new SessionId(id)).map(session -> {
            if ((session.state().isConnectable() || session.state() == SessionState.TERMINATING) && session.uiPort().isPresent()) {
                return new RunUi.Live(session.uiPort().get());
            }
            if (session.state().isTerminal() && session.workDir().isPresent()) {
                return RunUi.Ended.ofWorkDir(Path.of(session.workDir().get()));
            }
            return new RunUi.Unavailable("The session's Spark UI is not available yet", true);
        });
    }

    public AccessKeys accessKeys()
    {
        return accessKeys;
    }

    public Path awsConfigFile()
    {
        return config.dataDir().resolve("aws").resolve("config");
    }

    public Path awsCredentialsFile()
    {
        return config.dataDir().resolve("aws").resolve("credentials");
    }

    @Override
    public void close()
    {
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        if (api != null) {
            api.stop().join();
        }
        if (sessions != null) {
            sessions.close();
        }
        if (executor != null) {
            executor.close();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            }
            catch (Exception e) {
                log.warn("Could not close {}", closeables.get(i), e);
            }
        }
        closeables.clear();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name)
    {
        return runnable -> {
            Thread thread = new Thread(runnable, "emrys-" + name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
