package io.emrys.server;

import io.emrys.common.AccountQuotas;
import io.emrys.objectstore.ObjectStoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.emrys.compute.runtime.ReleasePins;
import java.util.ArrayList;
import java.util.List;

/** The {@code emrys} command. */
@Command(name = "emrys", mixinStandardHelpOptions = true, subcommands = {Main.ServerCommand.class, Main.AdminCommand.class},
        description = "A self-hosted Amazon EMR over real Apache Spark.")
public final class Main
{
    public static void main(String[] args)
    {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Command(name = "admin", mixinStandardHelpOptions = true, subcommands = AuditCommand.class, description = "Operator commands on a data folder.")
    static final class AdminCommand {}

    @Command(name = "server", mixinStandardHelpOptions = true, description = "Runs the control plane in the foreground.")
    static final class ServerCommand
            implements Callable<Integer>
    {
        @Option(names = "--data-dir", description = "Where state is kept (default: ./.emrys).")
        Path dataDir = Path.of(".emrys");

        @Option(names = "--port", description = "The AWS API port (default: ${DEFAULT-VALUE}).")
        int port = EmrysConfig.DEFAULT_API_PORT;

        @Option(names = "--s3-port", description = "The embedded S3 endpoint's port (default: ${DEFAULT-VALUE}).")
        int objectStorePort = EmrysConfig.DEFAULT_OBJECT_STORE_PORT;

        @Option(names = "--gateway-port", description = "The Spark Connect gateway's port (default: ${DEFAULT-VALUE}).")
        int gatewayPort = EmrysConfig.DEFAULT_GATEWAY_PORT;

        @Option(names = "--gateway-address", description = "The loopback address the Spark Connect gateway listens on (default: ${DEFAULT-VALUE}); "
                + "another one, such as 127.0.0.2, lets it have port 443 to itself, as AWS's session clients expect (--gateway-port 443).")
        String gatewayAddress = io.emrys.gateway.GatewayConfig.DEFAULT_BIND_ADDRESS;

        @Option(names = "--gateway-plaintext", description = "Serve the Spark Connect gateway without TLS (loopback use only).")
        boolean gatewayPlaintext;

        @Option(names = "--s3-endpoint", description = "Use this S3-compatible endpoint instead of the embedded object store "
                + "(with --s3-access-key-id; the secret comes from the environment variable EMRYS_S3_SECRET_ACCESS_KEY).")
        URI s3Endpoint;

        @Option(names = "--s3-access-key-id", description = "Access key for --s3-endpoint.")
        String s3AccessKeyId;

        @Option(names = "--s3-region", description = "Region for --s3-endpoint (default: ${DEFAULT-VALUE}).")
        String s3Region = "us-east-1";

        @Option(names = "--project-root", description = "The Emrys checkout holding the built Spark runtimes (default: the current folder).")
        Path projectRoot = Path.of("");

        @Option(names = "--release-pin", paramLabel = "LABEL=SPARK_VERSION",
                description = "Run a release label on another Spark version of its line than AWS ships (e.g. emr-7.13.0=3.5.5); repeatable.")
        List<String> releasePins = new ArrayList<>();

        @Option(names = "--offline", description = "Assemble runtimes on demand only from the local Maven repository.")
        boolean offline;

        @Option(names = "--no-class-archive-recording", description = "Do not record the class-data archives of cold job runs in the background "
                + "at start (each runtime's recording is a small Spark job); cold runs then start without them.")
        boolean noClassArchiveRecording;

        @Option(names = "--max-applications", description = "Account quota: applications that are not deleted (default: ${DEFAULT-VALUE}).")
        int maxApplications = AccountQuotas.DEFAULTS.applications();

        @Option(names = "--max-concurrent-vcpus", description = "Account quota: vCPU held at once by the drivers and executors of every application, "
                + "as each application's capacity counts them (AWS's default: ${DEFAULT-VALUE}).")
        double maxConcurrentVcpus = AccountQuotas.DEFAULTS.concurrentVcpus();

        @Option(names = "--max-queued-job-runs", description = "Account quota: job runs waiting QUEUED (AWS's default: ${DEFAULT-VALUE}).")
        int maxQueuedJobRuns = AccountQuotas.DEFAULTS.queuedJobRuns();

        @Option(names = "--max-session-tokens", description = "Account quota: unexpired Spark Connect endpoint tokens (default: ${DEFAULT-VALUE}).")
        int maxSessionTokens = AccountQuotas.DEFAULTS.liveSessionTokens();

        @Option(names = "--iam-file", description = "IAM users, groups, roles and policies to declare at every start (JSON; see io.emrys.iam.IamDeclarations).")
        Path iamFile;

        @Option(names = "--execution-role-credentials", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Each job-run and session driver and its executors reach the embedded object store as a session of the work's "
                        + "execution role, renewed before it expires (default: on; --no-execution-role-credentials gives them the store's own key).")
        boolean executionRoleCredentials = true;

        @Override
        public Integer call()
                throws InterruptedException
        {
            EmrysConfig config = EmrysConfig.defaults(dataDir.toAbsolutePath(), projectRoot.toAbsolutePath()).withPorts(port, objectStorePort, gatewayPort)
                    .withGatewayTls(!gatewayPlaintext);
            if (!io.emrys.gateway.GatewayConfig.isLoopbackAddress(gatewayAddress)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--gateway-address must be a loopback IPv4 address (127.0.0.0/8), not " + gatewayAddress + ": the gateway never listens beyond this machine");
            }
            config = config.withGatewayAddress(gatewayAddress, gatewayPort);
            try {
                config = config.withRuntimes(ReleasePins.parse(releasePins), offline);
            }
            catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
            if (s3Endpoint != null) {
                String secret = System.getenv("EMRYS_S3_SECRET_ACCESS_KEY");
                if (s3AccessKeyId == null || secret == null) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "--s3-endpoint needs --s3-access-key-id and the environment variable EMRYS_S3_SECRET_ACCESS_KEY");
                }
                // an IP or localhost endpoint cannot do virtual-host-style bucket names
                config = config.withExternalObjectStore(new ObjectStoreSettings(s3Endpoint, s3Region, s3AccessKeyId, secret, true));
            }
            config = config.withExecutionRoleCredentials(executionRoleCredentials);
            if (iamFile != null) {
                config = config.withIamFile(iamFile.toAbsolutePath());
            }
            try {
                config = config.withQuotas(new AccountQuotas(maxApplications, maxConcurrentVcpus, maxQueuedJobRuns, maxSessionTokens));
            }
            catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
            EmrysServer server = new EmrysServer(config, Clock.systemUTC()).start();
            if (!noClassArchiveRecording) {
                server.recordClassArchivesInBackground();
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "emrys-shutdown"));
            System.out.println("Emrys is ready: " + server.apiEndpoint());
            System.out.println("  S3 endpoint: " + server.objectStoreEndpoint());
            System.out.println("  Spark Connect gateway: " + server.gatewayEndpoint()
                    + server.gatewayTrustStore().map(store -> " (trust its CA: -Djavax.net.ssl.trustStore=" + store + " -Djavax.net.ssl.trustStorePassword="
                    + io.emrys.gateway.GatewayTls.TRUSTSTORE_PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12)").orElse(""));
            server.releaseNotes().forEach(note -> System.out.println("  " + note));
            System.out.println("  AWS CLI:     AWS_CONFIG_FILE=" + server.awsConfigFile() + " AWS_SHARED_CREDENTIALS_FILE="
                    + server.awsCredentialsFile() + " aws --profile " + AwsProfileFiles.PROFILE + " emr-serverless list-applications");
            System.out.flush();
            stopped.await();
            return 0;
        }
    }
}
