package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.common.WorkerType;
import io.emrys.metering.WorkerRecord;
import io.emrys.testing.PythonEnvironment;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingDatabases;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * PySpark job runs through the AWS SDK and the real server: a {@code .py} entry point at {@code s3://} with
 * arguments and a {@code --py-files} package, Python UDFs and RDD lambdas on the executors' Python workers, output
 * in {@code SPARK_DRIVER/stdout.gz}; a job that raises ends FAILED with the exception's last line. On both lines,
 * with the pyspark of each runtime's own release.
 */
@Tag("pyspark")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PySparkJobIntegrationTest
{
    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;
    private static final String BUCKET = "pyjobs";

    private TestingEmrys emrys;
    private EmrServerlessClient client;
    private S3Client s3;

    @BeforeAll
    void startServer()
            throws IOException
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        role = emrys.executionRoleArn();
        client = emrys.serverlessClient();
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        for (String script : new String[] {"aggregate.py", "fails.py", "uses_environment.py"}) {
            try (InputStream in = getClass().getResourceAsStream("/pyjobs/" + script)) {
                s3.putObject(request -> request.bucket(BUCKET).key("code/" + script), RequestBody.fromBytes(in.readAllBytes()));
            }
        }
        s3.putObject(request -> request.bucket(BUCKET).key("code/labels.zip"), RequestBody.fromBytes(labelsPackage()));
        // an egg is a zip by another name, which Python imports the same way
        s3.putObject(request -> request.bucket(BUCKET).key("code/labels.egg"), RequestBody.fromBytes(labelsPackage()));
        s3.putObject(request -> request.bucket(BUCKET).key("input/sales.csv"),
                RequestBody.fromString("category,amount\nbooks,10\ngames,5\nbooks,7\n", StandardCharsets.UTF_8));
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        s3.close();
        emrys.close();
    }

    @Test
    void aPythonJobFromS3WithPyFilesRunsOnSpark4()
    {
        String applicationId = application("emr-spark-8.0");

        JobRun run = runAggregate(applicationId, "spark4");

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        String stdout = driverLog(applicationId, run.jobRunId(), "stdout.gz");
        assertThat(stdout).contains("aggregate: doubled=9900 rows=[('books', 17, 'BOOKS!'), ('games', 5, 'GAMES!')] spark=4.0.1");
        assertArgumentsOffTheCommandLine(stdout, "spark4");
    }

    @Test
    void aPythonJobFromS3WithPyFilesSubmittedWithBoto3RunsOnSpark35()
            throws Exception
    {
        String applicationId = application("emr-7.9.0");
        String script = java.nio.file.Path.of(getClass().getResource("/clients/boto3_start_pyspark_job.py").toURI()).toString();

        String output = command(PythonEnvironment.python(), script, applicationId, role, "s3://" + BUCKET + "/code/aggregate.py",
                "--py-files s3://" + BUCKET + "/code/labels.zip --conf spark.sql.shuffle.partitions=2", "s3://" + BUCKET + "/logs/",
                "s3://" + BUCKET + "/input/", "s3://" + BUCKET + "/output/spark35/");
        var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output.lines().reduce((first, last) -> last).orElse("{}"));

        assertThat(result.path("state").asText()).as(output).isEqualTo("SUCCESS");
        String stdout = driverLog(applicationId, result.path("jobRunId").asText(), "stdout.gz");
        assertThat(stdout).contains("aggregate: doubled=9900 rows=[('books', 17, 'BOOKS!'), ('games', 5, 'GAMES!')] spark=3.5.5");
        assertArgumentsOffTheCommandLine(stdout, "spark35");
    }

    @Test
    void sparksPythonPiExampleRunsFromEmrsImagePathOnSpark35()
    {
        String applicationId = application("emr-7.9.0");

        String jobRunId = client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit.entryPoint("local:///usr/lib/spark/examples/src/main/python/pi.py")
                        .entryPointArguments("2")))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(logs -> logs.logUri("s3://" + BUCKET + "/logs/"))))).jobRunId();
        JobRun run = awaitTerminal(applicationId, jobRunId);

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        assertThat(driverLog(applicationId, jobRunId, "stdout.gz")).containsPattern("Pi is roughly 3\\.1");
    }

    @Test
    void aPathOfEmrsImageThatTheRuntimeLacksIsRefusedAtStartJobRun()
    {
        String applicationId = application("emr-spark-8.0");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(role)
                        .jobDriver(driver -> driver.sparkSubmit(submit -> submit.entryPoint("local:///usr/lib/spark/examples/jars/spark-examples.jar")
                                .sparkSubmitParameters("--class org.apache.spark.examples.SparkPi")))))
                .isInstanceOf(software.amazon.awssdk.services.emrserverless.model.ValidationException.class)
                .hasMessageContaining("local:///usr/lib/spark/examples/jars/spark-examples.jar is not in the emr-spark-8.0 runtime")
                .hasMessageContaining("examples/src/main/python/");
        assertThat(client.listJobRuns(request -> request.applicationId(applicationId)).jobRuns()).as("nothing stored").isEmpty();
    }

    @Test
    void aPythonJobThatRaisesFailsWithTheExceptionsLastLine()
    {
        String applicationId = application("emr-spark-8.0");

        String jobRunId = startRun(applicationId, "s3://" + BUCKET + "/code/fails.py");
        JobRun run = awaitTerminal(applicationId, jobRunId);

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).contains("ValueError: the input bucket holds no sales files");
        assertThat(driverLog(applicationId, jobRunId, "stdout.gz")).contains("fails: about to raise");
        assertThat(driverLog(applicationId, jobRunId, "stderr.gz")).contains("Traceback (most recent call last):");
    }

    @Test
    void aPythonJobOnTheVenvArchiveItShipsRunsAPandasUdfSubmittedWithTheAwsCli()
            throws Exception
    {
        s3.putObject(request -> request.bucket(BUCKET).key("envs/job-env.tar.gz"), RequestBody.fromFile(jobEnvironmentArchive()));
        String applicationId = application("emr-spark-8.0");
        String python = "./environment/bin/python";
        String jobDriver = """
                {"sparkSubmit": {"entryPoint": "s3://%s/code/uses_environment.py",
                  "sparkSubmitParameters": "--archives s3://%s/envs/job-env.tar.gz#environment --conf spark.emr-serverless.driverEnv.PYSPARK_DRIVER_PYTHON=%s --conf spark.emr-serverless.driverEnv.PYSPARK_PYTHON=%s --conf spark.executorEnv.PYSPARK_PYTHON=%s"}}
                """.formatted(BUCKET, BUCKET, python, python, python);
        String overrides = "{\"monitoringConfiguration\": {\"s3MonitoringConfiguration\": {\"logUri\": \"s3://%s/logs/\"}}}".formatted(BUCKET);

        String output = aws("emr-serverless", "start-job-run", "--application-id", applicationId, "--execution-role-arn", role,
                "--job-driver", jobDriver, "--configuration-overrides", overrides);
        String jobRunId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output).path("jobRunId").asText();
        JobRun run = awaitTerminal(applicationId, jobRunId);

        assertThat(run.state()).as(run.stateDetails()).isEqualTo(JobRunState.SUCCESS);
        String stdout = driverLog(applicationId, jobRunId, "stdout.gz");
        assertThat(stdout).contains("environment: total=55").contains("table=ok");
        assertThat(stdout).as("the driver's Python is the shipped one, unpacked in the driver's folder").containsPattern("driver=/\\S+/environment ");
        assertThat(stdout).as("and so is the executors'").containsPattern("executors=\\['/\\S+/environment'");
    }

    @Test
    void aPythonJobWithAnEggRunsOnAPreInitializedDriverOnSpark4()
    {
        String applicationId = warmApplication("emr-spark-8.0");

        String jobRunId = startAggregate(applicationId, "warm4", "--py-files s3://" + BUCKET + "/code/labels.egg --conf spark.sql.shuffle.partitions=2");
        JobRun run = awaitTerminal(applicationId, jobRunId);

        assertThat(run.state()).as(() -> run.stateDetails() + "\n" + driverLog(applicationId, jobRunId, "stderr.gz")).isEqualTo(JobRunState.SUCCESS);
        String stdout = driverLog(applicationId, jobRunId, "stdout.gz");
        assertThat(stdout).contains("aggregate: doubled=9900 rows=[('books', 17, 'BOOKS!'), ('games', 5, 'GAMES!')] spark=4.0.1");
        assertArgumentsOffTheCommandLine(stdout, "warm4");
        assertThat(driverLog(applicationId, jobRunId, "stderr.gz"))
                .contains("took Python job run s3://" + BUCKET + "/code/aggregate.py")
                .contains("runtime SQL settings: spark.sql.shuffle.partitions; py-files: 1");
        assertThat(runDriver(applicationId, jobRunId).preInitialized()).as("the run's driver is the pre-initialized one").isTrue();
        client.stopApplication(request -> request.applicationId(applicationId));
    }

    @Test
    void pythonJobsOnPreInitializedDriversOnSpark35SucceedWithAZipAndFailWithTheExceptionsLastLine()
    {
        String applicationId = warmApplication("emr-7.9.0");

        String succeeding = startAggregate(applicationId, "warm35", "--py-files s3://" + BUCKET + "/code/labels.zip");
        JobRun run = awaitTerminal(applicationId, succeeding);

        assertThat(run.state()).as(() -> run.stateDetails() + "\n" + driverLog(applicationId, succeeding, "stderr.gz")).isEqualTo(JobRunState.SUCCESS);
        String stdout = driverLog(applicationId, succeeding, "stdout.gz");
        assertThat(stdout).contains("aggregate: doubled=9900 rows=[('books', 17, 'BOOKS!'), ('games', 5, 'GAMES!')] spark=3.5.5");
        assertArgumentsOffTheCommandLine(stdout, "warm35");
        assertThat(runDriver(applicationId, succeeding).preInitialized()).as("the run's driver is the pre-initialized one").isTrue();

        // the pool replaces the driver the first run took; once the replacement is ready, the next run takes it
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> readyWarmDrivers(applicationId) == 1);
        String failing = startRun(applicationId, "s3://" + BUCKET + "/code/fails.py");
        JobRun failed = awaitTerminal(applicationId, failing);

        assertThat(failed.state()).isEqualTo(JobRunState.FAILED);
        assertThat(failed.stateDetails()).contains("ValueError: the input bucket holds no sales files");
        assertThat(driverLog(applicationId, failing, "stdout.gz")).contains("fails: about to raise");
        assertThat(driverLog(applicationId, failing, "stderr.gz")).contains("took Python job run").contains("Traceback (most recent call last):");
        assertThat(runDriver(applicationId, failing).preInitialized()).as("the run's driver is the pre-initialized one").isTrue();
        client.stopApplication(request -> request.applicationId(applicationId));
    }

    /**
     * The job's sys.argv held its entry-point arguments (AWS marks them sensitive), and its Python process's command
     * line, which any user of the host reads with ps, ended with the script.
     */
    private static void assertArgumentsOffTheCommandLine(String stdout, String output)
    {
        assertThat(stdout).contains("aggregate: arguments=['s3://" + BUCKET + "/input/', 's3://" + BUCKET + "/output/" + output + "/'] command line after the script=[]");
    }

    /** A started application with one pre-initialized driver and executor, the smallest AWS allows. */
    private String warmApplication(String releaseLabel)
    {
        InitialCapacityConfig one = InitialCapacityConfig.builder().workerCount(1L).workerConfiguration(worker -> worker.cpu("1 vCPU").memory("1 GB")).build();
        String applicationId = client.createApplication(request -> request.name("warm-py-" + releaseLabel).releaseLabel(releaseLabel).type("SPARK")
                .initialCapacity(java.util.Map.of("DRIVER", one, "EXECUTOR", one))
                .maximumCapacity(maximum -> maximum.cpu("4 vCPU").memory("8 GB").disk("200 GB"))).applicationId();
        client.startApplication(request -> request.applicationId(applicationId));
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> client.getApplication(request -> request.applicationId(applicationId)).application().state() == ApplicationState.STARTED);
        return applicationId;
    }

    /** Pre-initialized drivers up and waiting for work: their SparkSession is up and nothing was handed to them. */
    private long readyWarmDrivers(String applicationId)
            throws IOException
    {
        java.nio.file.Path pool = emrys.dataDir().resolve("pool").resolve(applicationId);
        try (var folders = java.nio.file.Files.list(pool)) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("warm-"))
                    .filter(folder -> java.nio.file.Files.exists(folder.resolve("warm-ready.json")))
                    .filter(folder -> !java.nio.file.Files.exists(folder.resolve("assignment.properties")))
                    .count();
        }
    }

    private WorkerRecord runDriver(String applicationId, String jobRunId)
    {
        java.util.List<WorkerRecord> workers = TestingDatabases.workers(emrys.dataDir(), applicationId);
        return workers.stream().filter(worker -> worker.jobRunId().filter(jobRunId::equals).isPresent())
                .filter(worker -> worker.type() == WorkerType.DRIVER)
                .findFirst().orElseThrow(() -> new AssertionError("no driver recorded for " + jobRunId + ": " + workers));
    }

    /** A self-contained Python environment as AWS's samples build one: a venv with the job's packages, venv-pack'ed. */
    private java.nio.file.Path jobEnvironmentArchive()
            throws Exception
    {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("emrys-job-env");
        java.nio.file.Path requirements = java.nio.file.Path.of(getClass().getResource("/pyjobs/job-env-requirements.txt").toURI());
        java.nio.file.Path venv = folder.resolve("job-env");
        java.nio.file.Path archive = folder.resolve("job-env.tar.gz");
        command(PythonEnvironment.python(), "-m", "venv", venv.toString());
        command(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirements.toString());
        command(PythonEnvironment.venvPack(), "-q", "-p", venv.toString(), "-o", archive.toString());
        return archive;
    }

    private String aws(String... arguments)
            throws Exception
    {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(PythonEnvironment.aws(), "--profile", "emrys", "--output", "json"));
        command.addAll(java.util.List.of(arguments));
        return command(command.toArray(String[]::new));
    }

    private String command(String... command)
            throws Exception
    {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        java.util.Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("PYTHON") || name.startsWith("VIRTUAL_ENV"));
        environment.put("AWS_CONFIG_FILE", emrys.server().awsConfigFile().toString());
        environment.put("AWS_SHARED_CREDENTIALS_FILE", emrys.server().awsCredentialsFile().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    private String application(String releaseLabel)
    {
        return client.createApplication(request -> request.name("py-" + releaseLabel).releaseLabel(releaseLabel).type("SPARK")).applicationId();
    }

    private JobRun runAggregate(String applicationId, String output)
    {
        return awaitTerminal(applicationId, startAggregate(applicationId, output, "--py-files s3://" + BUCKET + "/code/labels.zip --conf spark.sql.shuffle.partitions=2"));
    }

    /** Starts aggregate.py on the test's CSV, writing Parquet below {@code output/}. */
    private String startAggregate(String applicationId, String output, String sparkSubmitParameters)
    {
        return client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint("s3://" + BUCKET + "/code/aggregate.py")
                        .entryPointArguments("s3://" + BUCKET + "/input/", "s3://" + BUCKET + "/output/" + output + "/")
                        .sparkSubmitParameters(sparkSubmitParameters)))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(logs -> logs.logUri("s3://" + BUCKET + "/logs/"))))).jobRunId();
    }

    /** Starts a job with just an entry point (and the test's log location). */
    private String startRun(String applicationId, String entryPoint)
    {
        return client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit.entryPoint(entryPoint)))
                .configurationOverrides(overrides -> overrides.monitoringConfiguration(monitoring -> monitoring
                        .s3MonitoringConfiguration(logs -> logs.logUri("s3://" + BUCKET + "/logs/"))))).jobRunId();
    }

    private JobRun awaitTerminal(String applicationId, String jobRunId)
    {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JobRunState state = client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state();
            return state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED;
        });
        return client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
    }

    private String driverLog(String applicationId, String jobRunId, String file)
    {
        return TestingObjects.gunzip(s3, BUCKET, "logs/applications/" + applicationId + "/jobs/" + jobRunId + "/SPARK_DRIVER/" + file);
    }

    /** A package the job imports, shipped as EMR users ship theirs: a zip given to --py-files. */
    private static byte[] labelsPackage()
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("labels/__init__.py"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("labels/naming.py"));
            zip.write("def shout(name):\n    return name.upper() + \"!\"\n".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
