package io.emrys.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.emrys.common.AccountQuotas;
import io.emrys.api.auth.EndpointScope;
import io.emrys.api.auth.SigV4AuthDecorator;
import io.emrys.api.emr.EmrAccessRules;
import io.emrys.api.emr.EmrErrors;
import io.emrys.api.emr.EmrOperations;
import io.emrys.api.protocol.AwsJson11Service;
import io.emrys.api.protocol.RestJson1Service;
import io.emrys.api.protocol.SigningServiceRouter;
import io.emrys.api.protocol.SmithyModels;
import io.emrys.api.serverless.JobRunUsage;
import io.emrys.api.serverless.ServerlessErrors;
import io.emrys.api.serverless.ServerlessOperations;
import io.emrys.api.usage.ApplicationUsageService;
import io.emrys.application.ApplicationDao;
import io.emrys.audit.AuditDao;
import io.emrys.audit.AuditTrail;
import io.emrys.application.ApplicationService;
import io.emrys.cluster.ClusterDao;
import io.emrys.cluster.ClusterIds;
import io.emrys.cluster.ClusterService;
import io.emrys.common.Account;
import io.emrys.common.DaemonThreads;
import io.emrys.common.OwnerOnlyFiles;
import io.emrys.common.ResourceIds;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.nodes.InstanceScale;
import io.emrys.compute.nodes.InstanceTypes;
import io.emrys.compute.nodes.LocalClusterNodes;
import io.emrys.dashboard.DashboardGrants;
import io.emrys.dashboard.DashboardService;
import io.emrys.dashboard.EmrysDashboards;
import io.emrys.dashboard.HistoryServerConfig;
import io.emrys.dashboard.JobRunUiLookup;
import io.emrys.dashboard.SessionUiLookup;
import io.emrys.dashboard.SparkHistoryServer;
import io.emrys.gateway.ConnectGateway;
import io.emrys.gateway.GatewayConfig;
import io.emrys.gateway.GatewayTls;
import io.emrys.api.access.Authorization;
import io.emrys.api.auth.CredentialStore;
import io.emrys.api.iam.IamAccessRules;
import io.emrys.api.iam.IamErrors;
import io.emrys.api.iam.IamOperations;
import io.emrys.api.protocol.AwsQueryService;
import io.emrys.api.serverless.ServerlessAccessRules;
import io.emrys.api.sts.StsErrors;
import io.emrys.api.sts.StsOperations;
import io.emrys.iam.AccessKeys;
import io.emrys.iam.IamDeclarations;
import io.emrys.iam.ExecutionRoleSessions;
import io.emrys.iam.IamModule;
import io.emrys.iam.SecretSealer;
import io.emrys.jobrun.JobRunModule;
import io.emrys.jobrun.JobRunService;
import io.emrys.logs.WorkLogPublisher;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerUsage;
import io.emrys.objectstore.EmbeddedObjectStore;
import io.emrys.objectstore.ObjectStoreAccess;
import io.emrys.objectstore.ObjectStoreSettings;
import io.emrys.objectstore.ObjectUploader;
import io.emrys.objectstore.S3Clients;
import io.emrys.objectstore.S3Location;
import io.emrys.session.SessionModule;
import io.emrys.session.SessionService;
import io.emrys.store.Database;
import io.emrys.store.IdempotencyTokens;
import io.emrys.store.ServiceContext;
import io.emrys.store.Transactions;
import io.emrys.tagging.TagDao;
import io.emrys.tagging.TagService;
import software.amazon.smithy.model.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The composition root: assembles one Emrys control plane from its config out of each concept's module
 * ({@link SparkComputeModule}, {@link JobRunModule}, {@link SessionModule}, ...), starts it, and stops it in
 * reverse order. It only wires; what the parts do lives in their packages.
 */
public final class EmrysServer
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(EmrysServer.class);
    // one history server for both lines: Spark 4's reads Spark 3.5 event logs (Spark35LineIntegrationTest checks the view)
    private static final String HISTORY_RUNTIME_LABEL = "emr-spark-8.0";
    /** Where IAM and STS are served, beside EMR Serverless at {@code /}: the AWS profile names these as their endpoints. */
    static final String IAM_PATH = "/iam";
    static final String STS_PATH = "/sts";

    private final EmrysConfig config;
    private final Clock clock;
    // dashboard URLs are signed with a key of this process: a restart ends them, GetDashboardForJobRun gives new ones
    private final DashboardGrants dashboardGrants;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Server api;
    private EmbeddedObjectStore objectStore;
    private ObjectStoreSettings objectStoreSettings;
    private AccessKeys accessKeys;
    private IamModule iam;
    private AuditTrail audit;
    private ApplicationService applications;
    private JobRunModule jobRuns;
    private SessionModule sessions;
    private ClusterService clusters;
    private SparkComputeModule compute;
    private ConnectGateway gateway;
    private ScheduledExecutorService housekeeping;

    public EmrysServer(EmrysConfig config, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.dashboardGrants = new DashboardGrants(clock, new SecureRandom());
    }

    public EmrysServer start()
    {
        try {
            // owner-only before anything is written into it: it holds the root key and every run's logs
            OwnerOnlyFiles.privateDirectory(config.dataDir());
            Transactions transactions = new Transactions(Database.openSqlite(config.dataDir().resolve("emrys.db")));
            // the key that seals stored secrets lives outside the database, so a copy of emrys.db alone reveals none
            iam = IamModule.create(transactions, SecretSealer.openOrCreate(config.dataDir().resolve("keys").resolve("secrets.key"), new SecureRandom()),
                    new ObjectMapper(), clock);
            accessKeys = iam.accessKeys();
            config.iamFile().ifPresent(file -> new IamDeclarations(iam, new ObjectMapper()).apply(file));
            audit = new AuditTrail(transactions, new AuditDao(), Duration.ofMillis(250));
            closeables.add(audit);
            ServiceContext context = new ServiceContext(new Account(accessKeys.accountId(), config.region()), transactions, new ObjectMapper(),
                    new IdempotencyTokens(), ResourceIds.secure(), clock, config.quotas());
            objectStoreSettings = startObjectStore();
            S3Client s3 = S3Clients.create(objectStoreSettings);
            closeables.add(s3);

            WorkerDao workers = new WorkerDao();
            compute = SparkComputeModule.create(config, clock, transactions, workers, objectStoreSettings, new ExecutionRoleSessions(iam));
            closeables.add(compute);
            applications = new ApplicationService(context.account(), transactions, new ApplicationDao(context.json()), context.tokens(), context.ids(), clock,
                    compute.configurationPolicy(), config.quotas());
            applications.setCapacity(compute.pools());
            TagService tags = new TagService(transactions, new TagDao());
            ObjectUploader uploader = new ObjectUploader(s3);
            // EMR (on EC2) clusters: standalone masters and workers as processes of this machine, closed before compute
            clusters = new ClusterService(context.account(), transactions, new ClusterDao(), compute.runtimes(), new InstanceTypes(),
                    InstanceScale.fromSystemProperties(), new LocalClusterNodes(DriverLauncherConfig.defaults().javaExecutable()),
                    (file, uri) -> uploader.putFile(file, S3Location.parse(uri)), (uri, target) -> uploader.download(S3Location.parse(uri), target),
                    objectStoreSettings::hadoopS3aProperties,
                    config.dataDir().resolve("clusters"), new ClusterIds(new SecureRandom()), clock);
            closeables.add(clusters);
            WorkLogPublisher logs = new WorkLogPublisher(new ObjectUploader(s3), compute.cluster());
            Path workRoot = config.dataDir().resolve("applications");
            jobRuns = JobRunModule.create(context, applications, tags, compute.jobRunDrivers(), workers, logs, workRoot, config.stopGrace());
            // a session's stop grace is longer than a job's: a session that records the class-data archive writes it while it stops
            sessions = SessionModule.create(context, applications, tags, compute.sessionDrivers(), workers, logs, workRoot, config.stopGrace().plusSeconds(20));
            JobRunService runs = jobRuns.service();
            SessionService liveSessions = sessions.service();
            applications.setActivity(id -> runs.hasLiveWork(id) || liveSessions.hasLiveWork(id));
            tags.setResourceResolver(arn -> applications.isLiveArn(arn) || runs.exists(arn) || liveSessions.exists(arn));
            gateway = ConnectGateway.start(
                    (config.gatewayTls() ? GatewayConfig.tls(config.gatewayPort(), config.dataDir().resolve("tls")) : GatewayConfig.plaintext(config.gatewayPort()))
                            .withAddress(config.gatewayAddress()),
                    liveSessions.gatewayTokens(), liveSessions.activity(), clock);
            closeables.add(gateway);

            SparkHistoryServer history = new SparkHistoryServer(HistoryServerConfig.defaults(config.dataDir().resolve("spark-history")),
                    () -> compute.runtimes().runtime(HISTORY_RUNTIME_LABEL));
            JobRunUiLookup jobRunUis = new JobRunUiLookup(jobRuns.registry()::attempts);
            SessionUiLookup sessionUis = new SessionUiLookup(liveSessions::find);
            DashboardService dashboard = new DashboardService(id -> jobRunUis.apply(id).or(() -> sessionUis.apply(id)), history, dashboardGrants, clock);
            closeables.add(dashboard);
            api = apiServer(context, compute, workers, tags, dashboard);
            api.start().join();

            compute.pools().recover();
            applications.recover();
            jobRuns.executor().recover();
            liveSessions.recover();
            clusters.recover();
            housekeeping = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("housekeeping"));
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

    private ObjectStoreSettings startObjectStore()
    {
        if (config.externalObjectStore().isPresent()) {
            return config.externalObjectStore().get();
        }
        // every Emrys key works against the store, each request authorized by its caller's IAM policies; the control
        // plane's own client (and, for now, the drivers) use the root key
        objectStore = new EmbeddedObjectStore(config.dataDir().resolve("s3"), config.objectStorePort(), accessKeys.root(),
                new ObjectStoreAccess(accessKeys::find, iam.decisions()::decide, audit::record, clock));
        objectStore.start();
        closeables.add(objectStore);
        return objectStore.settings();
    }

    /**
     * The signed AWS APIs (EMR Serverless and EMR at {@code /}, IAM at {@value #IAM_PATH}, STS at {@value #STS_PATH}, the usage extension),
     * each call authorized by IAM policies, and the unsigned dashboards, on loopback.
     */
    private Server apiServer(ServiceContext context, SparkComputeModule compute, WorkerDao workers, TagService tags, DashboardService dashboard)
    {
        Model serverlessModel = SmithyModels.emrServerless();
        Authorization authorization = new Authorization(iam.decisions(), audit, clock);
        CredentialStore credentials = accessKeys::find;
        RestJson1Service serverless = RestJson1Service.builder(serverlessModel, SmithyModels.EMR_SERVERLESS, new ServerlessErrors())
                .handlers(authorization.guard(SmithyModels.signingName(serverlessModel, SmithyModels.EMR_SERVERLESS),
                        ServerlessOperations.limitingCodeSources(ServerlessOperations.handlers(applications, jobRuns.service(), sessions.service(), tags,
                                JobRunUsage.fromWorkers(new WorkerUsage(context.transactions(), workers)), new EmrysDashboards(this::apiEndpoint, dashboardGrants),
                                this::gatewayEndpoint, clock), context.account()),
                        new ServerlessAccessRules(context.account())))
                .build();
        EndpointScope scope = EndpointScope.api(config.region(), SmithyModels.signingName(serverlessModel, SmithyModels.EMR_SERVERLESS));
        Model emrModel = SmithyModels.emr();
        AwsJson11Service emr = AwsJson11Service.builder(emrModel, SmithyModels.EMR, new EmrErrors())
                .handlers(authorization.guard(SmithyModels.signingName(emrModel, SmithyModels.EMR), new EmrOperations(clusters, clock).handlers(),
                        new EmrAccessRules(context.account())))
                .build();
        Model iamModel = SmithyModels.iam();
        AwsQueryService iamService = AwsQueryService.builder(iamModel, SmithyModels.IAM, new IamErrors())
                .handlers(authorization.guard(SmithyModels.signingName(iamModel, SmithyModels.IAM), IamOperations.handlers(iam),
                        new IamAccessRules(accessKeys.accountId())))
                .build();
        Model stsModel = SmithyModels.sts();
        // GetCallerIdentity needs no permission, AssumeRole is decided by the role's trust policy: audited, not guarded
        AwsQueryService stsService = AwsQueryService.builder(stsModel, SmithyModels.STS, new StsErrors())
                .handlers(authorization.guard(SmithyModels.signingName(stsModel, SmithyModels.STS), new StsOperations(iam.sessions()).handlers(),
                        call -> List.of()))
                .build();
        HttpService signedIam = iamService.decorate(new SigV4AuthDecorator(credentials, clock,
                EndpointScope.global(config.region(), SmithyModels.signingName(iamModel, SmithyModels.IAM))));
        HttpService signedSts = stsService.decorate(new SigV4AuthDecorator(credentials, clock,
                EndpointScope.api(config.region(), SmithyModels.signingName(stsModel, SmithyModels.STS))));
        // The AWS SDK for Java v2 posts IAM and STS requests to / whatever path its endpoint has (aws-sdk-java-v2#3387), so
        // / serves all three services, told apart by the signing name; boto3 and the CLI use the profile's /iam and /sts.
        SigningServiceRouter root = new SigningServiceRouter(Map.of(
                SmithyModels.signingName(serverlessModel, SmithyModels.EMR_SERVERLESS), serverless,
                SmithyModels.signingName(emrModel, SmithyModels.EMR), emr,
                SmithyModels.signingName(iamModel, SmithyModels.IAM), iamService,
                SmithyModels.signingName(stsModel, SmithyModels.STS), stsService));
        EndpointScope rootScope = EndpointScope.api(config.region(), SmithyModels.signingName(serverlessModel, SmithyModels.EMR_SERVERLESS),
                SmithyModels.signingName(emrModel, SmithyModels.EMR),
                SmithyModels.signingName(iamModel, SmithyModels.IAM), SmithyModels.signingName(stsModel, SmithyModels.STS));
        ServerBuilder builder = Server.builder()
                .http(new InetSocketAddress("127.0.0.1", config.apiPort()))
                .serviceUnder("/", root.decorate(new SigV4AuthDecorator(credentials, clock, rootScope)));
        AwsQueryService.mount(builder, IAM_PATH, signedIam);
        AwsQueryService.mount(builder, STS_PATH, signedSts);
        builder.serviceUnder(ApplicationUsageService.PREFIX, new ApplicationUsageService(applications, context.transactions(), workers, compute.pools())
                .decorate(new SigV4AuthDecorator(credentials, clock, scope)));
        // Spark UIs for browsers: not signed, which is why the server listens on loopback only
        dashboard.mountOn(builder);
        return builder.build();
    }

    /** Auto-stop and execution timeouts; also called by tests after moving the clock. */
    public void housekeep()
    {
        try {
            jobRuns.executor().enforceTimeouts();
            sessions.service().expire();
            applications.stopIdleApplications();
            iam.sessions().expire();
        }
        catch (RuntimeException e) {
            log.warn("Housekeeping failed; it will run again", e);
        }
    }

    /**
     * Starts recording, in the background, the class-data archives (AppCDS) that cold job runs' drivers, executors
     * and standalone hosts map, for every installed runtime that lacks them: a warm-up job of Emrys's own per
     * runtime, never a user's run. {@code emrys server} calls it; tests leave it off, as it is a Spark job.
     */
    public void recordClassArchivesInBackground()
    {
        compute.recordClassArchives();
    }

    /** What the startup output says about release labels: every pin, as the operator set it. */
    public List<String> releaseNotes()
    {
        return compute.runtimes().pinNotes();
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
     * The URL GetSessionEndpoint returns: {@code https://localhost:PORT} (or the {@code --gateway-address} instead of
     * localhost), without the port when the gateway listens on 443, so code written for AWS (which builds
     * {@code sc://HOST:443/;use_ssl=true;x-aws-proxy-auth=TOKEN} from the URL's host) works unchanged. Any Spark Connect
     * client connects with {@code sc://HOST:PORT/;use_ssl=true;token=TOKEN}.
     */
    public URI gatewayEndpoint()
    {
        String scheme = config.gatewayTls() ? "https" : "http";
        int port = gateway.port();
        String host = gateway.userEndpoint().host();
        return URI.create(scheme + "://" + host + (port == 443 && config.gatewayTls() ? "" : ":" + port));
    }

    /** The trust store (PKCS12) holding the gateway's CA, for JVM clients; empty for a plaintext gateway. */
    public Optional<Path> gatewayTrustStore()
    {
        return gateway.tls().map(GatewayTls::truststore);
    }

    public IamModule iam()
    {
        return iam;
    }

    public AuditTrail audit()
    {
        return audit;
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
        if (jobRuns != null) {
            jobRuns.close();
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
}
