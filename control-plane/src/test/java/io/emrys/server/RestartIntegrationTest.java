package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.emrys.compute.cluster.DriverRef;
import io.emrys.compute.cluster.LocalProcessCluster;
import io.emrys.store.Database;
import io.emrys.testing.EmrysProcess;
import io.emrys.testing.TestingSparkArtifacts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.JobRun;
import software.amazon.awssdk.services.emrserverless.model.JobRunState;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * kill -9 of the control plane while a job runs: after a restart the run is re-adopted and finishes correctly if
 * its driver survived, or ends FAILED saying the control plane lost it; nothing stays RUNNING and nothing is lost.
 */
@Timeout(600)
class RestartIntegrationTest
{

    @TempDir
    Path dataDir;

    @Test
    void runningJobSurvivesAKilledControlPlane()
            throws Exception
    {
        try (EmrysProcess emrys = new EmrysProcess(dataDir).start()) {
            String applicationId;
            String survivor;
            String orphan;
            try (EmrServerlessClient client = emrys.serverlessClient(); S3Client s3 = emrys.s3Client()) {
                s3.createBucket(request -> request.bucket("restart"));
                s3.putObject(request -> request.bucket("restart").key("jobs.jar"), RequestBody.fromFile(TestingSparkArtifacts.testJobsJar()));
                applicationId = client.createApplication(request -> request.name("restart").releaseLabel("emr-spark-8.0").type("SPARK")).applicationId();
                survivor = submit(client, emrys.executionRoleArn(), applicationId, "20");
                orphan = submit(client, emrys.executionRoleArn(), applicationId, "600");
                awaitState(client, applicationId, survivor, JobRunState.RUNNING);
                awaitState(client, applicationId, orphan, JobRunState.RUNNING);
            }

            emrys.kill();
            // the orphan's driver dies with the control plane and leaves no exit code behind
            String orphanRef = Database.openSqlite(dataDir.resolve("emrys.db")).jdbi().withHandle(handle ->
                    handle.createQuery("SELECT driver_ref FROM job_run_attempts WHERE job_run_id = :id").bind("id", orphan).mapTo(String.class).one());
            long orphanPid = LocalProcessCluster.processId(new DriverRef(orphanRef)).orElseThrow();
            ProcessHandle driver = ProcessHandle.of(orphanPid).orElseThrow();
            driver.parent().ifPresent(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
            driver.onExit().get();

            emrys.start();
            try (EmrServerlessClient client = emrys.serverlessClient()) {
                JobRun finished = awaitTerminal(client, applicationId, survivor);
                assertThat(finished.state()).as(finished.stateDetails()).isEqualTo(JobRunState.SUCCESS);

                JobRun lost = awaitTerminal(client, applicationId, orphan);
                assertThat(lost.state()).isEqualTo(JobRunState.FAILED);
                assertThat(lost.stateDetails()).contains("control plane lost");

                assertThat(client.listApplications(request -> { }).applications()).hasSize(1);
                assertThat(client.listJobRuns(request -> request.applicationId(applicationId)).jobRuns()).hasSize(2);
            }
        }
    }

    private static String submit(EmrServerlessClient client, String role, String applicationId, String seconds)
    {
        return client.startJobRun(request -> request
                .applicationId(applicationId)
                .executionRoleArn(role)
                .jobDriver(driver -> driver.sparkSubmit(submit -> submit
                        .entryPoint("s3://restart/jobs.jar")
                        .entryPointArguments(List.of(seconds))
                        .sparkSubmitParameters("--class io.emrys.testjobs.SleepThenCount --driver-memory 1g")))).jobRunId();
    }

    private static void awaitState(EmrServerlessClient client, String applicationId, String jobRunId, JobRunState state)
    {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state() == state);
    }

    private static JobRun awaitTerminal(EmrServerlessClient client, String applicationId, String jobRunId)
    {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JobRunState state = client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun().state();
            return state == JobRunState.SUCCESS || state == JobRunState.FAILED || state == JobRunState.CANCELLED;
        });
        return client.getJobRun(request -> request.applicationId(applicationId).jobRunId(jobRunId)).jobRun();
    }
}
