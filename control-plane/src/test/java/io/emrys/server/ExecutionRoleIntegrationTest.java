package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.metering.WorkerDao;
import io.emrys.store.Database;
import io.emrys.testing.GatewayTrustStore;
import io.emrys.testing.SignedHttp;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingDatabases;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import io.emrys.testing.TestingRoles;
import io.emrys.testing.TestingSparkArtifacts;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.EmrServerlessException;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Execution roles as EMR Serverless uses them: StartJobRun and StartSession refuse a role the service may not assume,
 * and a run's driver reaches S3 as a session of its role ({@code ASIA...} credentials in its owner-only credentials
 * file, on no command line of the driver or its executors), narrowed by the run's execution IAM policy; a
 * pre-initialized driver becomes its run's role session at the handoff.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionRoleIntegrationTest
{
    private static final String BUCKET = "execution-roles";
    private static final String USER_TRUST = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "sts:AssumeRole"}]}""";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingEmrys emrys;
    private SignedHttp http;
    private EmrServerlessClient client;
    private IamClient iam;
    private S3Client s3;
    private String applicationId;
    private String sessionApplicationId;

    @BeforeAll
    void startServer()
            throws Exception
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withExecutionRoleCredentials(true));
        client = emrys.serverlessClient();
        s3 = emrys.s3Client();
        iam = IamClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1).credentialsProvider(emrys.credentials())
                .httpClient(ApacheHttpClient.create()).build();
        // a role that only the account's own principals may assume, not the service
        iam.createRole(request -> request.roleName("user-trusted").assumeRolePolicyDocument(USER_TRUST.formatted(emrys.server().accessKeys().accountId())));
        s3.createBucket(request -> request.bucket(BUCKET));
        TestingObjects.uploadTestJobs(s3, BUCKET);
        applicationId = client.createApplication(request -> request.name("roles").releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();
        http = new SignedHttp(emrys.apiEndpoint(), emrys.credentials());
        ObjectNode sessionApplication = JSON.createObjectNode().put("name", "role-sessions").put("releaseLabel", "emr-spark-8.0").put("type", "SPARK")
                .put("clientToken", "role-sessions");
        sessionApplication.putObject("interactiveConfiguration").put("sessionEnabled", true);
        sessionApplicationId = JSON.readTree(http.send("POST", "/applications", sessionApplication.toString()).body()).path("applicationId").asText();
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        iam.close();
        s3.close();
        emrys.close();
    }

    @Test
    void startJobRunRefusesARoleTheServiceMayNotAssumeAndStoresNothing()
    {
        int before = jobRuns();
        String otherAccount = emrys.server().accessKeys().accountId().equals("111122223333") ? "444455556666" : "111122223333";
        assertRefused(job -> job.executionRoleArn(emrys.roleArn("no-such-role")), "no-such-role");
        assertRefused(job -> job.executionRoleArn(TestingRoles.roleArn(otherAccount, TestingRoles.STANDARD_ROLE)), otherAccount);
        assertRefused(job -> job.executionRoleArn(emrys.roleArn("user-trusted")), "emr-serverless.amazonaws.com");

        assertThat(jobRuns()).isEqualTo(before);
    }

    @Test
    void startJobRunRefusesAMalformedExecutionIamPolicyAndStoresNothing()
    {
        int before = jobRuns();
        assertRefused(job -> job.executionRoleArn(emrys.executionRoleArn()).executionIamPolicy(policy -> policy.policy("{\"Statement\": [")),
                "executionIamPolicy.policy");
        assertRefused(job -> job.executionRoleArn(emrys.executionRoleArn()).executionIamPolicy(policy -> policy.policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}""")),
                "executionIamPolicy.policy");
        String missing = "arn:aws:iam::" + emrys.server().accessKeys().accountId() + ":policy/no-such-policy";
        assertRefused(job -> job.executionRoleArn(emrys.executionRoleArn()).executionIamPolicy(policy -> policy.policyArns(missing)), missing);

        assertThat(jobRuns()).isEqualTo(before);
    }

    @Test
    void startSessionRefusesARoleTheServiceMayNotAssumeAndStoresNothing()
            throws Exception
    {
        for (String role : List.of(emrys.roleArn("no-such-role"), emrys.roleArn("user-trusted"))) {
            ObjectNode start = JSON.createObjectNode().put("executionRoleArn", role).put("clientToken", "bad-role-" + role.hashCode());
            HttpResponse<String> response = http.send("POST", "/applications/" + sessionApplicationId + "/sessions", start.toString());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(type -> assertThat(type).startsWith("ValidationException"));
            assertThat(JSON.readTree(response.body()).path("message").asText()).contains(role);
        }

        JsonNode sessions = JSON.readTree(http.send("GET", "/applications/" + sessionApplicationId + "/sessions", null).body());
        assertThat(sessions.path("sessions")).isEmpty();
    }

    @Test
    void jobRunDriverAndExecutorsActAsARoleSessionWhoseSecretIsOnNoCommandLine()
            throws Exception
    {
        String jobRunId = client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(emrys.executionRoleArn())
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint(TestingSparkArtifacts.testJobsJar().toString())
                        .entryPointArguments("20")
                        .sparkSubmitParameters("--class io.emrys.testjobs.SleepThenCount --driver-memory 1g")))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(logs -> logs.logUri("s3://" + BUCKET + "/logs/"))))).jobRunId();

        // while its executors run: no process on this machine has the role session's secrets on its command line
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> liveExecutors(jobRunId) > 0);
        Properties driverProperties = driverProperties(jobRunId);
        AwsSessionCredentials credentials = driverCredentials(driverProperties);
        String accessKey = credentials.accessKeyId();
        String secret = credentials.secretAccessKey();
        String token = credentials.sessionToken();
        String rootSecret = emrys.server().accessKeys().root().secretAccessKey();
        assertThat(accessKey).startsWith("ASIA").isNotEqualTo(emrys.server().accessKeys().root().accessKeyId());
        assertThat(driverProperties.stringPropertyNames()).as("no key in the configuration the job's code reads")
                .doesNotContain("spark.hadoop.fs.s3a.access.key", "spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.session.token");
        assertThat(driverProperties.values()).as("the root key is not handed to the driver").doesNotContain(rootSecret);
        List<String> commandLines = ProcessHandle.allProcesses().map(process -> process.info().commandLine().orElse("")).toList();
        assertThat(commandLines).as("the driver's and executors' JVMs run").anyMatch(line -> line.contains("CoarseGrainedExecutorBackend"));
        assertThat(commandLines).noneMatch(line -> line.contains(secret) || line.contains(token) || line.contains(accessKey) || line.contains(rootSecret));

        JobRun run = awaitTerminal(jobRunId);
        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        assertThat(run.createdBy()).as("the run is still the caller's").isEqualTo("arn:aws:iam::" + emrys.server().accessKeys().accountId() + ":root");
        try (StsClient sts = StsClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKey, secret, token)))
                .httpClient(ApacheHttpClient.create()).build()) {
            assertThat(sts.getCallerIdentity().arn()).as("the driver's S3 identity is a session of the execution role named after the attempt")
                    .isEqualTo("arn:aws:sts::" + emrys.server().accessKeys().accountId() + ":assumed-role/" + TestingRoles.STANDARD_ROLE + "/" + jobRunId + "-1");
        }
        String executorLogs = "logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_EXECUTOR/";
        List<String> stderrKeys = TestingObjects.keys(s3, BUCKET, executorLogs).stream().filter(key -> key.endsWith("/stderr.gz")).toList();
        assertThat(stderrKeys).isNotEmpty();
        for (String key : stderrKeys) {
            String stderr = TestingObjects.gunzip(s3, BUCKET, key);
            assertThat(stderr).as("the executor's launch command is in its stderr").contains("CoarseGrainedExecutorBackend");
            assertThat(stderr).doesNotContain(secret).doesNotContain(token).doesNotContain(rootSecret);
        }
    }

    @Test
    void executionIamPolicyNarrowsTheRoleSessionBelowTheRole()
            throws Exception
    {
        iam.createRole(request -> request.roleName("api-role").assumeRolePolicyDocument(TestingRoles.SERVICE_TRUST));
        iam.putRolePolicy(request -> request.roleName("api-role").policyName("api").policyDocument("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["emr-serverless:ListApplications", "emr-serverless:GetApplication"],
                 "Resource": "*"}]}"""));
        String jobRunId = client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(emrys.roleArn("api-role"))
                .executionIamPolicy(policy -> policy.policy("""
                        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "emr-serverless:ListApplications", "Resource": "*"}]}"""))
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint(TestingSparkArtifacts.testJobsJar().toString())
                        .sparkSubmitParameters("--class io.emrys.testjobs.Trivial --driver-memory 1g")))).jobRunId();

        JobRun run = awaitTerminal(jobRunId);
        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        AwsSessionCredentials session = driverCredentials(driverProperties(jobRunId));
        try (EmrServerlessClient asRun = EmrServerlessClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(session)).httpClient(ApacheHttpClient.create()).build()) {
            assertThat(asRun.listApplications(request -> { }).applications()).as("allowed by the role and the execution IAM policy").isNotEmpty();
            assertThatThrownBy(() -> asRun.getApplication(request -> request.applicationId(applicationId)))
                    .as("the role allows GetApplication, the execution IAM policy does not")
                    .isInstanceOfSatisfying(EmrServerlessException.class, e -> assertThat(e.statusCode()).isEqualTo(403));
        }
    }

    @Test
    void preInitializedDriversHandedRunsOfDifferentRolesEachSeeOnlyTheirOwnRolesData()
            throws Exception
    {
        String account = emrys.server().accessKeys().accountId();
        teams();
        InitialCapacityConfig two = InitialCapacityConfig.builder().workerCount(2L).workerConfiguration(worker -> worker.cpu("1 vCPU").memory("1 GB")).build();
        String warmApplication = client.createApplication(request -> request.name("warm-roles").releaseLabel("emr-spark-8.0").type("SPARK")
                .initialCapacity(Map.of("DRIVER", two, "EXECUTOR", two))
                .maximumCapacity(maximum -> maximum.cpu("6 vCPU").memory("12 GB").disk("300 GB"))).applicationId();
        client.startApplication(request -> request.applicationId(warmApplication));
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> readyWarmDrivers(warmApplication).size() == 2);

        // team-a aggregates its own data; team-b, on the other warm driver, tries to read team-a's
        String ownData = aggregate(warmApplication, "team-a", "team-a");
        String othersData = aggregate(warmApplication, "team-b", "team-a");

        JobRun own = awaitTerminal(warmApplication, ownData);
        JobRun others = awaitTerminal(warmApplication, othersData);
        assertThat(own.state()).as(own.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        assertThat(TestingObjects.keys(s3, BUCKET, "team-a/output/")).as("team-a's output").anyMatch(key -> key.endsWith(".parquet"));
        assertThat(others.state()).isEqualTo(JobRunState.FAILED);
        assertThat(others.stateDetails()).containsIgnoringCase("AccessDenied");
        assertThat(TestingObjects.keys(s3, BUCKET, "team-b/output/")).as("nothing written").isEmpty();
        for (String jobRunId : List.of(ownData, othersData)) {
            assertThat(TestingDatabases.workers(emrys.dataDir(), warmApplication).stream()
                    .filter(worker -> worker.jobRunId().filter(jobRunId::equals).isPresent() && worker.type() == io.emrys.common.WorkerType.DRIVER)
                    .map(worker -> worker.preInitialized()).toList()).as("the run's driver is a pre-initialized one").containsExactly(true);
        }
        // each warm driver's S3 identity became its run's role session at the handoff
        List<String> identities = new java.util.ArrayList<>();
        try (Stream<Path> dirs = Files.list(emrys.dataDir().resolve("pool").resolve(warmApplication))) {
            for (Path dir : dirs.filter(dir -> Files.exists(dir.resolve("assignment.properties"))).toList()) {
                identities.add(callerArn(driverCredentials(properties(dir.resolve("spark.properties")))));
            }
        }
        assertThat(identities).containsExactlyInAnyOrder(
                "arn:aws:sts::" + account + ":assumed-role/team-a/" + ownData + "-1",
                "arn:aws:sts::" + account + ":assumed-role/team-b/" + othersData + "-1");
        client.stopApplication(request -> request.applicationId(warmApplication));
    }

    @Test
    void preInitializedDriverHandedASessionReachesS3AsTheSessionsRole()
            throws Exception
    {
        teams();
        ObjectNode application = JSON.createObjectNode().put("name", "warm-role-sessions").put("releaseLabel", "emr-spark-8.0").put("type", "SPARK")
                .put("clientToken", "warm-role-sessions");
        application.putObject("interactiveConfiguration").put("sessionEnabled", true);
        ObjectNode one = JSON.createObjectNode().put("workerCount", 1);
        one.putObject("workerConfiguration").put("cpu", "1 vCPU").put("memory", "2 GB");
        application.putObject("initialCapacity").<ObjectNode>set("DRIVER", one).set("EXECUTOR", one.deepCopy());
        application.putObject("maximumCapacity").put("cpu", "4 vCPU").put("memory", "8 GB").put("disk", "200 GB");
        String warmApplication = JSON.readTree(http.send("POST", "/applications", application.toString()).body()).path("applicationId").asText();
        assertThat(http.send("POST", "/applications/" + warmApplication + "/start", null).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> readyWarmDrivers(warmApplication).size() == 1);

        ObjectNode start = JSON.createObjectNode().put("executionRoleArn", emrys.roleArn("team-a")).put("clientToken", "team-a-session");
        String sessionId = JSON.readTree(http.send("POST", "/applications/" + warmApplication + "/sessions", start.toString()).body()).path("sessionId").asText();
        String sessionPath = "/applications/" + warmApplication + "/sessions/" + sessionId;
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                .until(() -> "IDLE".equals(JSON.readTree(http.send("GET", sessionPath, null).body()).path("session").path("state").asText()));
        JsonNode endpoint = JSON.readTree(http.send("GET", sessionPath + "/endpoint", null).body());
        URI url = URI.create(endpoint.path("endpoint").asText());

        try (GatewayTrustStore trusted = GatewayTrustStore.trust(emrys.server().gatewayTrustStore().orElseThrow())) {
            SparkSession spark = SparkSession.builder()
                    .remote("sc://" + url.getHost() + ":" + url.getPort() + "/;use_ssl=true;x-aws-proxy-auth=" + endpoint.path("authToken").asText()).create();
            try {
                assertThat(spark.read().option("header", "true").csv("s3://" + BUCKET + "/team-a/input/").count()).as("its own role's data").isEqualTo(3);
                Throwable denied = catchThrowable(() -> spark.read().option("header", "true").csv("s3://" + BUCKET + "/team-b/input/").count());
                List<String> messages = new java.util.ArrayList<>();
                for (Throwable cause = denied; cause != null; cause = cause.getCause()) {
                    messages.add(String.valueOf(cause.getMessage()));
                }
                assertThat(messages).as("another role's data").anyMatch(message -> message.contains("AccessDenied") || message.contains("403"));
            }
            finally {
                spark.close();
            }
        }
        List<String> identities = new java.util.ArrayList<>();
        try (Stream<Path> dirs = Files.list(emrys.dataDir().resolve("pool").resolve(warmApplication))) {
            for (Path dir : dirs.filter(dir -> Files.exists(dir.resolve("assignment.properties"))).toList()) {
                identities.add(callerArn(driverCredentials(properties(dir.resolve("spark.properties")))));
            }
        }
        assertThat(identities).as("the warm driver that took the session").containsExactly(
                "arn:aws:sts::" + emrys.server().accessKeys().accountId() + ":assumed-role/team-a/" + sessionId);
        http.send("DELETE", sessionPath, null);
        http.send("POST", "/applications/" + warmApplication + "/stop", null);
    }

    /** Two roles, each allowed only its own prefix of the bucket (and the test jobs' jar), with a small CSV each. */
    private void teams()
    {
        for (String team : List.of("team-a", "team-b")) {
            TestingRoles.ensure(emrys.server().iam(), team, TestingRoles.SERVICE_TRUST, """
                    {"Version": "2012-10-17", "Statement": [
                     {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%1$s/jars/*"},
                     {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::%1$s", "Condition": {"StringLike": {"s3:prefix": "%2$s*"}}},
                     {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::%1$s/%2$s/*"}]}""".formatted(BUCKET, team));
            s3.putObject(request -> request.bucket(BUCKET).key(team + "/input/sales.csv"),
                    software.amazon.awssdk.core.sync.RequestBody.fromString("category,amount\nbooks,10\ngames,5\nbooks,7\n", StandardCharsets.UTF_8));
        }
    }

    private String aggregate(String application, String role, String input)
    {
        return client.startJobRun(request -> request.applicationId(application).executionRoleArn(emrys.roleArn(role))
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar")
                        .entryPointArguments("s3://" + BUCKET + "/" + input + "/input/", "s3a://" + BUCKET + "/" + role + "/output/")
                        .sparkSubmitParameters("--class io.emrys.testjobs.CsvAggregateToParquet --conf spark.sql.shuffle.partitions=2")))).jobRunId();
    }

    private String callerArn(AwsSessionCredentials credentials)
    {
        try (StsClient sts = StsClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).httpClient(ApacheHttpClient.create()).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    /**
     * The credentials a driver reaches S3 with: its properties name the agent's provider and the owner-only file it
     * reads them from.
     */
    private static AwsSessionCredentials driverCredentials(Properties driverProperties)
            throws IOException
    {
        assertThat(driverProperties.getProperty("spark.hadoop.fs.s3a.aws.credentials.provider")).isEqualTo("io.emrys.agent.RoleCredentialsFileProvider");
        Properties file = properties(Path.of(driverProperties.getProperty("spark.hadoop.fs.s3a.emrys.credentials.file")));
        return AwsSessionCredentials.create(file.getProperty("accessKeyId"), file.getProperty("secretAccessKey"), file.getProperty("sessionToken"));
    }

    /** Warm drivers that are ready and not taken, from their work dirs. */
    private List<Path> readyWarmDrivers(String warmApplication)
            throws IOException
    {
        Path pool = emrys.dataDir().resolve("pool").resolve(warmApplication);
        if (!Files.isDirectory(pool)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(pool)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("warm-"))
                    .filter(dir -> Files.exists(dir.resolve("warm-ready.json")) && !Files.exists(dir.resolve("assignment.properties")))
                    .filter(dir -> !Files.exists(dir.resolve("exit-code")))
                    .toList();
        }
    }

    private void assertRefused(Consumer<StartJobRunRequest.Builder> role, String named)
    {
        assertThatThrownBy(() -> client.startJobRun(request -> {
            request.applicationId(applicationId).jobDriver(driver -> driver.sparkSubmit(submit -> submit
                    .entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar").sparkSubmitParameters("--class io.emrys.testjobs.Trivial")));
            role.accept(request);
        })).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.getMessage()).contains(named));
    }

    private int jobRuns()
    {
        return client.listJobRuns(request -> request.applicationId(applicationId)).jobRuns().size();
    }

    private long liveExecutors(String jobRunId)
    {
        return Database.openSqlite(emrys.dataDir().resolve("emrys.db")).jdbi().withHandle(handle -> new WorkerDao().forRun(handle, jobRunId)).stream()
                .filter(worker -> worker.type() == io.emrys.common.WorkerType.EXECUTOR && worker.stoppedAt().isEmpty())
                .count();
    }

    /** The Spark properties file of the run's first attempt's driver, which must be readable by its owner only. */
    private Properties driverProperties(String jobRunId)
            throws IOException
    {
        Path file;
        try (Stream<Path> files = Files.walk(emrys.dataDir().resolve("applications"))) {
            Optional<Path> found = files.filter(path -> path.getFileName().toString().equals("spark.properties") && path.toString().contains(jobRunId))
                    .findFirst();
            file = found.orElseThrow(() -> new AssertionError("No spark.properties for job run " + jobRunId));
        }
        return properties(file);
    }

    /** A properties file, which must be readable by its owner only. */
    private static Properties properties(Path file)
            throws IOException
    {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString()).isEqualTo("rw-------");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private JobRun awaitTerminal(String jobRunId)
    {
        return awaitTerminal(applicationId, jobRunId);
    }

    private JobRun awaitTerminal(String application, String jobRunId)
    {
        return await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.getJobRun(request -> request.applicationId(application).jobRunId(jobRunId)).jobRun(),
                        run -> run.state() == JobRunState.SUCCESS || run.state() == JobRunState.FAILED || run.state() == JobRunState.CANCELLED);
    }
}
