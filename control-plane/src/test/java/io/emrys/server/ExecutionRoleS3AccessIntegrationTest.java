package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import io.emrys.testing.TestingRoles;
import io.emrys.testing.TestingSparkArtifacts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.emrserverless.model.StartJobRunRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a run's driver may do in the embedded object store is what its execution role session may do: the store
 * authorizes each S3 action against the role's policies, narrowed by the run's execution IAM policy.
 */
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionRoleS3AccessIntegrationTest
{
    private static final String BUCKET = "role-access";
    private static final String READ_ONLY = """
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}""";

    private TestingEmrys emrys;
    private EmrServerlessClient client;
    private S3Client s3;
    private String applicationId;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withExecutionRoleCredentials(true));
        client = emrys.serverlessClient();
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        TestingObjects.uploadTestJobs(s3, BUCKET);
        s3.putObject(request -> request.bucket(BUCKET).key("input/sales.csv"),
                RequestBody.fromString("category,amount\nbooks,10\ngames,5\nbooks,7\n", StandardCharsets.UTF_8));
        TestingRoles.create(emrys.server().iam(), "read-only", TestingRoles.SERVICE_TRUST, READ_ONLY);
        TestingRoles.create(emrys.server().iam(), "no-s3", TestingRoles.SERVICE_TRUST, """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "emr-serverless:ListApplications", "Resource": "*"}]}""");
        applicationId = client.createApplication(request -> request.name("role-access").releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();
    }

    @AfterAll
    void stopServer()
    {
        client.close();
        s3.close();
        emrys.close();
    }

    @Test
    void readOnlyRoleThatWritesFailsWithAccessDeniedAndWritesNothing()
    {
        JobRun run = aggregate(emrys.roleArn("read-only"), "read-only/", request -> { });

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).containsIgnoringCase("AccessDenied");
        assertThat(TestingObjects.keys(s3, BUCKET, "output/read-only/")).as("nothing written").isEmpty();
    }

    @Test
    void roleWithoutAccessToTheEntryPointFailsWithTheReason()
    {
        String jobRunId = client.startJobRun(request -> request.applicationId(applicationId).executionRoleArn(emrys.roleArn("no-s3"))
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit.entryPoint("s3://" + BUCKET + "/jars/test-jobs.jar")
                        .sparkSubmitParameters("--class io.emrys.testjobs.Trivial --driver-memory 1g")))).jobRunId();

        JobRun run = awaitTerminal(jobRunId);

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).containsIgnoringCase("AccessDenied");
    }

    @Test
    void executionIamPolicyThatDeniesWritingStopsAWriteCapableRoleFromWriting()
    {
        JobRun run = aggregate(emrys.executionRoleArn(), "denied/", request -> request.executionIamPolicy(policy -> policy.policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                 {"Effect": "Deny", "Action": "s3:PutObject", "Resource": "*"}]}""")));

        assertThat(run.state()).isEqualTo(JobRunState.FAILED);
        assertThat(run.stateDetails()).containsIgnoringCase("AccessDenied");
        assertThat(TestingObjects.keys(s3, BUCKET, "output/denied/")).as("nothing written").isEmpty();
    }

    private JobRun aggregate(String roleArn, String output, Consumer<StartJobRunRequest.Builder> more)
    {
        String jobRunId = client.startJobRun(request -> {
            request.applicationId(applicationId).executionRoleArn(roleArn)
                    .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                            .entryPoint(TestingSparkArtifacts.testJobsJar().toString())
                            .entryPointArguments("s3://" + BUCKET + "/input/", "s3a://" + BUCKET + "/output/" + output)
                            .sparkSubmitParameters("--class io.emrys.testjobs.CsvAggregateToParquet --driver-memory 1g --conf spark.sql.shuffle.partitions=2")));
            more.accept(request);
        }).jobRunId();
        return awaitTerminal(jobRunId);
    }

    private JobRun awaitTerminal(String jobRunId)
    {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JobRunState state = getJobRun(jobRunId).state();
            return state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED;
        });
        return getJobRun(jobRunId);
    }

    private JobRun getJobRun(String jobRunId)
    {
        return client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
    }
}
