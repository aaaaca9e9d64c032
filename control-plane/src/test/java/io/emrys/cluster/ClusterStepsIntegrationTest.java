package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingObjects;
import io.emrys.testing.TestingSparkArtifacts;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.CancelStepsInfo;
import software.amazon.awssdk.services.emr.model.CancelStepsRequestStatus;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupType;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.InstanceState;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.waiters.EmrWaiter;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One long-running cluster driven by the AWS SDK for Java v2's EmrClient, as teams with shared clusters use it:
 * RunJobFlow with KeepJobFlowAliveWhenNoSteps and termination protection, custom jar steps from {@code s3://} (one
 * that fails and one that succeeds, ActionOnFailure CONTINUE), a failed step's FailureDetails from its log,
 * CancelSteps on a pending and on a running step, ListSteps and ListClusters with their filters, ModifyInstanceGroups
 * growing the core group by a worker and shrinking it again, and
 * TerminateJobFlows refused while the cluster is protected, then allowed. One cluster (a master and one core
 * instance) for the whole class.
 */
@Tag("clusters")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterStepsIntegrationTest
{
    private static final String BUCKET = "shared-cluster";
    private static final String JAR = "s3://" + BUCKET + "/jars/test-jobs.jar";

    private TestingEmrys emrys;
    private EmrClient emr;
    private S3Client s3;
    private EmrWaiter waiter;

    @BeforeAll
    void startServer()
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        emr = emrys.emrClient();
        waiter = EmrWaiter.builder().client(emr)
                .overrideConfiguration(override -> override.maxAttempts(400).backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofSeconds(1))))
                .build();
        s3 = emrys.s3Client();
        s3.createBucket(request -> request.bucket(BUCKET));
        s3.putObject(request -> request.bucket(BUCKET).key("jars/test-jobs.jar"), RequestBody.fromFile(TestingSparkArtifacts.testJobsJar()));
    }

    @AfterAll
    void stopServer()
    {
        waiter.close();
        emr.close();
        s3.close();
        emrys.close();
    }

    @Test
    void aKeptAliveClusterRunsJarStepsInOrderCancelsOnRequestAndTerminatesOnlyOnceUnprotected()
            throws IOException
    {
        String clusterId = emr.runJobFlow(request -> request.name("shared").releaseLabel("emr-spark-8.0").logUri("s3://" + BUCKET + "/logs")
                .applications(application -> application.name("Spark"))
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(true).terminationProtected(true).instanceGroups(
                        group -> group.name("Master").instanceRole(InstanceRoleType.MASTER).instanceType("m7g.xlarge").instanceCount(1),
                        group -> group.name("Core").instanceRole(InstanceRoleType.CORE).instanceType("c5.2xlarge").instanceCount(1)))).jobFlowId();
        waiter.waitUntilClusterRunning(request -> request.clusterId(clusterId));
        await().atMost(Duration.ofMinutes(3)).until(() -> cluster(clusterId).status().state() == ClusterState.WAITING);
        assertThat(emr.listInstances(request -> request.clusterId(clusterId)).instances())
                .hasSize(2).allSatisfy(instance -> assertThat(instance.status().stateAsString()).isEqualTo("RUNNING"));
        assertThat(emr.listClusters(request -> request.clusterStates(ClusterState.WAITING)).clusters()).extracting(ClusterSummary::id).contains(clusterId);
        assertThat(emr.listClusters(request -> request.clusterStates(ClusterState.TERMINATED)).clusters()).extracting(ClusterSummary::id)
                .doesNotContain(clusterId);

        List<String> stepIds = emr.addJobFlowSteps(request -> request.jobFlowId(clusterId).steps(
                jarStep("fails", "io.emrys.testjobs.AlwaysFails"),
                jarStep("counts", "io.emrys.testjobs.Trivial"),
                jarStep("sleeps", "io.emrys.testjobs.SleepThenCount", "600"),
                jarStep("never runs", "io.emrys.testjobs.Trivial"))).stepIds();
        assertThat(stepIds).hasSize(4).allSatisfy(id -> assertThat(id).matches("s-[0-9A-Z]{13}"));

        waiter.waitUntilStepComplete(request -> request.clusterId(clusterId).stepId(stepIds.get(1)));
        Step failed = step(clusterId, stepIds.get(0));
        assertThat(failed.status().state()).isEqualTo(StepState.FAILED);
        assertThat(failed.status().failureDetails().reason()).contains("java.lang.IllegalStateException: AlwaysFails failed on purpose");
        assertThat(failed.status().failureDetails().logFile()).isEqualTo("s3://" + BUCKET + "/logs/" + clusterId + "/steps/" + stepIds.get(0) + "/stderr.gz");
        assertThat(log("logs/" + clusterId + "/steps/" + stepIds.get(0) + "/stderr.gz")).contains("AlwaysFails failed on purpose");
        assertThat(log("logs/" + clusterId + "/steps/" + stepIds.get(1) + "/stdout.gz")).contains("Trivial counted");

        await().atMost(Duration.ofMinutes(2)).until(() -> step(clusterId, stepIds.get(2)).status().state() == StepState.RUNNING);
        assertThat(cluster(clusterId).status().state()).isEqualTo(ClusterState.RUNNING);
        List<CancelStepsInfo> cancelled = emr.cancelSteps(request -> request.clusterId(clusterId).stepIds(stepIds.get(3), stepIds.get(2), stepIds.get(0)))
                .cancelStepsInfoList();
        assertThat(cancelled).extracting(CancelStepsInfo::status)
                .containsExactly(CancelStepsRequestStatus.SUBMITTED, CancelStepsRequestStatus.SUBMITTED, CancelStepsRequestStatus.FAILED);
        assertThat(step(clusterId, stepIds.get(3)).status().state()).isEqualTo(StepState.CANCELLED);
        await().atMost(Duration.ofMinutes(1)).until(() -> step(clusterId, stepIds.get(2)).status().state() == StepState.CANCELLED);
        await().atMost(Duration.ofMinutes(1)).until(() -> cluster(clusterId).status().state() == ClusterState.WAITING);

        assertThat(emr.listSteps(request -> request.clusterId(clusterId)).steps()).extracting(StepSummary::id)
                .as("newest first").containsExactly(stepIds.get(3), stepIds.get(2), stepIds.get(1), stepIds.get(0));
        assertThat(emr.listSteps(request -> request.clusterId(clusterId).stepStates(StepState.CANCELLED)).steps()).extracting(StepSummary::id)
                .containsExactly(stepIds.get(3), stepIds.get(2));

        String coreGroup = emr.listInstanceGroups(request -> request.clusterId(clusterId)).instanceGroups().stream()
                .filter(group -> group.instanceGroupType() == InstanceGroupType.CORE).findFirst().orElseThrow().id();
        emr.modifyInstanceGroups(request -> request.clusterId(clusterId).instanceGroups(group -> group.instanceGroupId(coreGroup).instanceCount(2)));
        await().atMost(Duration.ofMinutes(3)).until(() -> coreGroupSettled(clusterId, coreGroup, 2));
        assertThat(runningCore(clusterId, coreGroup)).as("the new worker registered with the master").hasSize(2);
        emr.modifyInstanceGroups(request -> request.clusterId(clusterId).instanceGroups(group -> group.instanceGroupId(coreGroup).instanceCount(1)));
        await().atMost(Duration.ofMinutes(1)).until(() -> coreGroupSettled(clusterId, coreGroup, 1));
        assertThat(emr.listInstances(request -> request.clusterId(clusterId).instanceGroupId(coreGroup)).instances())
                .filteredOn(instance -> instance.status().stateAsString().equals("TERMINATED")).singleElement()
                .satisfies(instance -> assertThat(instance.status().stateChangeReason().message()).contains("resized"));

        assertThatThrownBy(() -> emr.terminateJobFlows(request -> request.jobFlowIds(clusterId)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not shut down one or more job flows since they are termination protected.");
                });
        assertThat(cluster(clusterId).status().state()).as("still up").isEqualTo(ClusterState.WAITING);

        emr.setTerminationProtection(request -> request.jobFlowIds(clusterId).terminationProtected(false));
        emr.terminateJobFlows(request -> request.jobFlowIds(clusterId));
        waiter.waitUntilClusterTerminated(request -> request.clusterId(clusterId));
        Cluster ended = cluster(clusterId);
        assertThat(ended.status().state()).isEqualTo(ClusterState.TERMINATED);
        assertThat(ended.status().stateChangeReason().codeAsString()).isEqualTo("USER_REQUEST");
        assertThat(ended.status().timeline().endDateTime()).isNotNull();
        assertThat(emr.listClusters(request -> request.clusterStates(ClusterState.TERMINATED)).clusters()).extracting(ClusterSummary::id).contains(clusterId);
        assertThat(emr.listClusters(request -> request.clusterStates(ClusterState.WAITING, ClusterState.RUNNING)).clusters()).extracting(ClusterSummary::id)
                .doesNotContain(clusterId);
        assertThatThrownBy(() -> emr.addJobFlowSteps(request -> request.jobFlowId(clusterId).steps(jarStep("late", "io.emrys.testjobs.Trivial"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    private boolean coreGroupSettled(String clusterId, String groupId, int count)
    {
        InstanceGroup group = emr.listInstanceGroups(request -> request.clusterId(clusterId)).instanceGroups().stream()
                .filter(candidate -> candidate.id().equals(groupId)).findFirst().orElseThrow();
        return group.status().stateAsString().equals("RUNNING") && group.requestedInstanceCount() == count && group.runningInstanceCount() == count;
    }

    private List<Instance> runningCore(String clusterId, String groupId)
    {
        return emr.listInstances(request -> request.clusterId(clusterId).instanceGroupId(groupId).instanceStates(InstanceState.RUNNING)).instances();
    }

    private static StepConfig jarStep(String name, String mainClass, String... args)
    {
        return StepConfig.builder().name(name).actionOnFailure(ActionOnFailure.CONTINUE)
                .hadoopJarStep(jar -> jar.jar(JAR).mainClass(mainClass).args(args)).build();
    }

    private Cluster cluster(String clusterId)
    {
        return emr.describeCluster(request -> request.clusterId(clusterId)).cluster();
    }

    private Step step(String clusterId, String stepId)
    {
        return emr.describeStep(request -> request.clusterId(clusterId).stepId(stepId)).step();
    }

    private String log(String key)
            throws IOException
    {
        return TestingObjects.gunzip(s3, BUCKET, key);
    }
}
