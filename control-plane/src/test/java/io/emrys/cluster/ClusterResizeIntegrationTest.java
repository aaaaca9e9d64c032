package io.emrys.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import io.emrys.testing.TestingSparkArtifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.AddInstanceGroupsResponse;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ComputeLimits;
import software.amazon.awssdk.services.emr.model.ComputeLimitsUnitType;
import software.amazon.awssdk.services.emr.model.Instance;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceGroupType;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.ManagedScalingPolicy;
import software.amazon.awssdk.services.emr.model.MarketType;
import software.amazon.awssdk.services.emr.model.ScalingStrategy;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.StepConfig;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * One kept-alive cluster (a master and a core instance) driven by the AWS SDK for Java v2's EmrClient:
 * AddInstanceGroups refusing a second MASTER group, a second CORE group and an unknown instance type (nothing
 * added), then adding a TASK group whose worker registers with the cluster's master and is RUNNING in
 * ListInstances; ModifyCluster raising StepConcurrencyLevel to 2, after which two steps run at once in order of
 * submission and a third starts when one of them ends (each step's application takes one core, as
 * {@code spark.cores.max} says, so the two workers hold two); an auto-termination policy set by RunJobFlow and replaced by PutAutoTerminationPolicy, which ends
 * the idle cluster once the server's clock has passed its IdleTimeout, and which a restart of the control plane
 * keeps; and a cluster under a managed scaling policy (Put/Get/Remove, its refusals) whose task group grows while a step
 * runs and shrinks once the cluster has been idle. The server's clock follows the system's and is moved forward, so no test waits the minute out.
 */
@Tag("clusters")
@Timeout(900)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterResizeIntegrationTest
{
    private static final String BUCKET = "resized-cluster";
    private static final String JAR = "s3://" + BUCKET + "/jars/test-jobs.jar";
    private static final Pattern REGISTERED = Pattern.compile("Registering worker \\S+ with (\\d+) cores");

    private final TestingClock clock = TestingClock.followingSystemTime();
    private Path dataDir;
    private TestingEmrys emrys;
    private EmrClient emr;

    @BeforeAll
    void startServer()
            throws IOException
    {
        dataDir = Files.createTempDirectory("emrys-resize");
        start();
        try (var s3 = emrys.s3Client()) {
            s3.createBucket(request -> request.bucket(BUCKET));
            s3.putObject(request -> request.bucket(BUCKET).key("jars/test-jobs.jar"), RequestBody.fromFile(TestingSparkArtifacts.testJobsJar()));
        }
    }

    @AfterAll
    void stopServer()
    {
        stop();
    }

    @Test
    void aTaskGroupAddedToAnIdleClusterRegistersItsWorkerStepsRunConcurrentlyAndTheIdleClusterEndsByItsAutoTerminationPolicy()
            throws IOException
    {
        String clusterId = emr.runJobFlow(request -> request.name("resized").releaseLabel("emr-spark-8.0")
                .autoTerminationPolicy(policy -> policy.idleTimeout(3600L))
                .configurations(configuration -> configuration.classification("spark-defaults").properties(java.util.Map.of("spark.cores.max", "1")))
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(true).instanceGroups(
                        group -> group.name("Master").instanceRole(InstanceRoleType.MASTER).instanceType("m5.xlarge").instanceCount(1),
                        group -> group.name("Core").instanceRole(InstanceRoleType.CORE).instanceType("m5.xlarge").instanceCount(1)))).jobFlowId();
        assertThat(emr.getAutoTerminationPolicy(request -> request.clusterId(clusterId)).autoTerminationPolicy().idleTimeout()).isEqualTo(3600L);
        await().atMost(Duration.ofMinutes(4)).until(() -> cluster(clusterId).status().state() == ClusterState.WAITING);
        assertThat(registeredWorkers(clusterId)).as("the core worker").isEqualTo(1);

        assertAddRefused(clusterId, InstanceGroupConfig.builder().instanceRole(InstanceRoleType.MASTER).instanceType("m5.xlarge").instanceCount(1).build(),
                "master");
        assertAddRefused(clusterId, InstanceGroupConfig.builder().instanceRole(InstanceRoleType.CORE).instanceType("m5.xlarge").instanceCount(1).build(),
                "CORE");
        assertAddRefused(clusterId, InstanceGroupConfig.builder().instanceRole(InstanceRoleType.TASK).instanceType("x9.huge").instanceCount(1).build(),
                "x9.huge");
        assertThat(groups(clusterId)).as("nothing added").hasSize(2);

        AddInstanceGroupsResponse added = emr.addInstanceGroups(request -> request.jobFlowId(clusterId).instanceGroups(
                group -> group.name("Task").instanceRole(InstanceRoleType.TASK).instanceType("m5.xlarge").instanceCount(1)));
        assertThat(added.jobFlowId()).isEqualTo(clusterId);
        assertThat(added.clusterArn()).isEqualTo(cluster(clusterId).clusterArn());
        assertThat(added.instanceGroupIds()).singleElement().satisfies(id -> assertThat(id).matches("ig-[0-9A-Z]+"));
        String taskGroup = added.instanceGroupIds().get(0);
        await().atMost(Duration.ofMinutes(3)).until(() -> group(clusterId, taskGroup).status().stateAsString().equals("RUNNING"));
        InstanceGroup task = group(clusterId, taskGroup);
        assertThat(task.instanceGroupType()).isEqualTo(InstanceGroupType.TASK);
        assertThat(task.name()).isEqualTo("Task");
        assertThat(task.requestedInstanceCount()).isEqualTo(1);
        assertThat(task.runningInstanceCount()).isEqualTo(1);
        List<Instance> taskInstances = emr.listInstances(request -> request.clusterId(clusterId).instanceGroupTypes(InstanceGroupType.TASK)).instances();
        assertThat(taskInstances).singleElement().satisfies(instance -> {
            assertThat(instance.instanceGroupId()).isEqualTo(taskGroup);
            assertThat(instance.instanceType()).isEqualTo("m5.xlarge");
            assertThat(instance.status().stateAsString()).isEqualTo("RUNNING");
        });
        assertThat(registeredWorkers(clusterId)).as("the master registered the task worker too").isEqualTo(2);

        assertThat(cluster(clusterId).stepConcurrencyLevel()).isEqualTo(1);
        assertThat(emr.modifyCluster(request -> request.clusterId(clusterId).stepConcurrencyLevel(2)).stepConcurrencyLevel()).isEqualTo(2);
        assertThat(cluster(clusterId).stepConcurrencyLevel()).isEqualTo(2);
        for (int level : new int[] {0, 257}) {
            assertThatThrownBy(() -> emr.modifyCluster(request -> request.clusterId(clusterId).stepConcurrencyLevel(level)))
                    .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        }
        assertThat(cluster(clusterId).stepConcurrencyLevel()).isEqualTo(2);
        assertThatThrownBy(() -> emr.addJobFlowSteps(request -> request.jobFlowId(clusterId).steps(
                jarStep("terminates", ActionOnFailure.TERMINATE_CLUSTER, "io.emrys.testjobs.Trivial"))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("ActionOnFailure");
                });
        assertThat(emr.listSteps(request -> request.clusterId(clusterId)).steps()).as("nothing added").isEmpty();

        List<String> steps = emr.addJobFlowSteps(request -> request.jobFlowId(clusterId).steps(
                jarStep("first", ActionOnFailure.CONTINUE, "io.emrys.testjobs.SleepThenCount", "600"),
                jarStep("second", ActionOnFailure.CONTINUE, "io.emrys.testjobs.SleepThenCount", "600"),
                jarStep("third", ActionOnFailure.CONTINUE, "io.emrys.testjobs.Trivial"))).stepIds();
        await().atMost(Duration.ofMinutes(3)).until(() -> stepState(clusterId, steps.get(0)) == StepState.RUNNING
                && stepState(clusterId, steps.get(1)) == StepState.RUNNING);
        assertThat(stepState(clusterId, steps.get(2))).as("waits for one of the two").isEqualTo(StepState.PENDING);
        assertThat(cluster(clusterId).status().state()).isEqualTo(ClusterState.RUNNING);
        emr.cancelSteps(request -> request.clusterId(clusterId).stepIds(steps.get(0)));
        await().atMost(Duration.ofMinutes(3)).until(() -> stepState(clusterId, steps.get(2)) == StepState.COMPLETED);
        assertThat(stepState(clusterId, steps.get(0))).isEqualTo(StepState.CANCELLED);
        assertThat(stepState(clusterId, steps.get(1))).as("ran all along beside the third").isEqualTo(StepState.RUNNING);
        emr.cancelSteps(request -> request.clusterId(clusterId).stepIds(steps.get(1)));
        await().atMost(Duration.ofMinutes(1)).until(() -> cluster(clusterId).status().state() == ClusterState.WAITING);
        assertThat(stepState(clusterId, steps.get(1))).isEqualTo(StepState.CANCELLED);

        // a policy set on an idle cluster counts its idle time from now, not from when the cluster became idle
        emr.putAutoTerminationPolicy(request -> request.clusterId(clusterId).autoTerminationPolicy(policy -> policy.idleTimeout(60L)));
        assertThat(emr.getAutoTerminationPolicy(request -> request.clusterId(clusterId)).autoTerminationPolicy().idleTimeout()).isEqualTo(60L);
        assertThat(cluster(clusterId).status().state()).isEqualTo(ClusterState.WAITING);
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofMinutes(2)).until(() -> cluster(clusterId).status().state() == ClusterState.TERMINATED);
        Cluster ended = cluster(clusterId);
        assertThat(ended.status().stateChangeReason().codeAsString()).isEqualTo("ALL_STEPS_COMPLETED");
        assertThat(ended.status().stateChangeReason().message()).contains("auto-termination policy");
        assertThat(emr.listInstances(request -> request.clusterId(clusterId)).instances())
                .hasSize(3).allSatisfy(instance -> assertThat(instance.status().stateAsString()).isEqualTo("TERMINATED"));
        assertThat(ProcessHandle.allProcesses().filter(process -> process.info().commandLine().orElse("").contains(clusterId)))
                .as("none of its processes is left").isEmpty();

        assertThatThrownBy(() -> emr.addInstanceGroups(request -> request.jobFlowId(clusterId).instanceGroups(
                group -> group.instanceRole(InstanceRoleType.TASK).instanceType("m5.xlarge").instanceCount(1))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> emr.putAutoTerminationPolicy(request -> request.clusterId(clusterId).autoTerminationPolicy(policy -> policy.idleTimeout(120L))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));

        stop();
        start();
        assertThat(emr.getAutoTerminationPolicy(request -> request.clusterId(clusterId)).autoTerminationPolicy().idleTimeout())
                .as("kept across a restart").isEqualTo(60L);
        emr.removeAutoTerminationPolicy(request -> request.clusterId(clusterId));
        assertThat(emr.getAutoTerminationPolicy(request -> request.clusterId(clusterId)).autoTerminationPolicy()).isNull();
    }

    @Test
    void aManagedScalingPolicyGrowsTheTaskGroupWhileAStepRunsAndShrinksItOnceTheClusterIsIdle()
            throws IOException
    {
        String clusterId = emr.runJobFlow(request -> request.name("scaled").releaseLabel("emr-spark-8.0")
                .managedScalingPolicy(policy -> policy.computeLimits(limits -> limits.unitType(ComputeLimitsUnitType.INSTANCES)
                        .minimumCapacityUnits(1).maximumCapacityUnits(2).maximumCoreCapacityUnits(1)))
                .instances(instances -> instances.keepJobFlowAliveWhenNoSteps(true).instanceGroups(
                        group -> group.name("Master").instanceRole(InstanceRoleType.MASTER).instanceType("m5.xlarge").instanceCount(1),
                        group -> group.name("Core").instanceRole(InstanceRoleType.CORE).instanceType("m5.xlarge").instanceCount(1),
                        group -> group.name("Task").instanceRole(InstanceRoleType.TASK).market(MarketType.SPOT).instanceType("m5.xlarge").instanceCount(0))))
                .jobFlowId();
        ComputeLimits set = emr.getManagedScalingPolicy(request -> request.clusterId(clusterId)).managedScalingPolicy().computeLimits();
        assertThat(set.unitType()).isEqualTo(ComputeLimitsUnitType.INSTANCES);
        assertThat(List.of(set.minimumCapacityUnits(), set.maximumCapacityUnits(), set.maximumCoreCapacityUnits())).containsExactly(1, 2, 1);
        assertThat(set.maximumOnDemandCapacityUnits()).isNull();

        assertScalingRefused(clusterId, limits -> limits.unitType(ComputeLimitsUnitType.INSTANCES).minimumCapacityUnits(3).maximumCapacityUnits(2),
                "ValidationException", "cannot be greater than MaximumCapacityUnits");
        assertScalingRefused(clusterId, limits -> limits.unitType(ComputeLimitsUnitType.INSTANCES).minimumCapacityUnits(1).maximumCapacityUnits(2)
                .maximumCoreCapacityUnits(3), "ValidationException", "MaximumCoreCapacityUnits");
        assertScalingRefused(clusterId, limits -> limits.unitType(ComputeLimitsUnitType.INSTANCE_FLEET_UNITS).minimumCapacityUnits(1).maximumCapacityUnits(2),
                "ValidationException", "instance fleets");
        assertScalingRefused("j-NOSUCHCLUSTER", limits -> limits.unitType(ComputeLimitsUnitType.INSTANCES).minimumCapacityUnits(1).maximumCapacityUnits(2),
                "InvalidRequestException", "j-NOSUCHCLUSTER");
        assertThat(emr.getManagedScalingPolicy(request -> request.clusterId(clusterId)).managedScalingPolicy().computeLimits()).as("unchanged").isEqualTo(set);

        await().atMost(Duration.ofMinutes(4)).until(() -> cluster(clusterId).status().state() == ClusterState.WAITING);
        String taskGroup = groups(clusterId).stream().filter(group -> group.instanceGroupType() == InstanceGroupType.TASK).findFirst().orElseThrow().id();
        assertThat(group(clusterId, taskGroup).requestedInstanceCount()).as("within the limits while idle").isZero();

        // demand: a step runs, so the cluster grows to the maximum; the core group is at its limit, so the task group takes the rest
        String step = emr.addJobFlowSteps(request -> request.jobFlowId(clusterId).steps(
                jarStep("long", ActionOnFailure.CONTINUE, "io.emrys.testjobs.SleepThenCount", "600"))).stepIds().get(0);
        await().atMost(Duration.ofMinutes(3)).until(() -> group(clusterId, taskGroup).runningInstanceCount() == 1
                && group(clusterId, taskGroup).status().stateAsString().equals("RUNNING"));
        assertThat(group(clusterId, taskGroup).requestedInstanceCount()).isEqualTo(1);
        InstanceGroup core = groups(clusterId).stream().filter(group -> group.instanceGroupType() == InstanceGroupType.CORE).findFirst().orElseThrow();
        assertThat(core.requestedInstanceCount()).as("held at MaximumCoreCapacityUnits").isEqualTo(1);
        assertThat(stepState(clusterId, step)).isEqualTo(StepState.RUNNING);
        assertThat(registeredWorkers(clusterId)).as("the master registered the scaled-out task worker").isEqualTo(2);

        // idle: once the cluster has been WAITING for a minute it shrinks back to the minimum, the task worker stopped
        emr.cancelSteps(request -> request.clusterId(clusterId).stepIds(step));
        await().atMost(Duration.ofMinutes(2)).until(() -> cluster(clusterId).status().state() == ClusterState.WAITING);
        assertThat(group(clusterId, taskGroup).requestedInstanceCount()).as("not before it has been idle a while").isEqualTo(1);
        clock.advance(ClusterService.SCALE_IN_AFTER.plusSeconds(1));
        await().atMost(Duration.ofMinutes(3)).until(() -> group(clusterId, taskGroup).requestedInstanceCount() == 0
                && group(clusterId, taskGroup).status().stateAsString().equals("RUNNING"));
        assertThat(emr.listInstances(request -> request.clusterId(clusterId).instanceGroupId(taskGroup)).instances())
                .singleElement().satisfies(instance -> assertThat(instance.status().stateAsString()).isEqualTo("TERMINATED"));

        emr.putManagedScalingPolicy(request -> request.clusterId(clusterId).managedScalingPolicy(policy -> policy
                .computeLimits(limits -> limits.unitType(ComputeLimitsUnitType.VCPU).minimumCapacityUnits(4).maximumCapacityUnits(8))
                .scalingStrategy(ScalingStrategy.ADVANCED).utilizationPerformanceIndex(75)));
        ManagedScalingPolicy replaced = emr.getManagedScalingPolicy(request -> request.clusterId(clusterId)).managedScalingPolicy();
        assertThat(replaced.computeLimits().unitType()).isEqualTo(ComputeLimitsUnitType.VCPU);
        assertThat(replaced.computeLimits().maximumCapacityUnits()).isEqualTo(8);
        assertThat(replaced.scalingStrategy()).isEqualTo(ScalingStrategy.ADVANCED);
        assertThat(replaced.utilizationPerformanceIndex()).isEqualTo(75);
        emr.removeManagedScalingPolicy(request -> request.clusterId(clusterId));
        assertThat(emr.getManagedScalingPolicy(request -> request.clusterId(clusterId)).managedScalingPolicy()).isNull();
        emr.terminateJobFlows(request -> request.jobFlowIds(clusterId));
        await().atMost(Duration.ofMinutes(2)).until(() -> cluster(clusterId).status().state() == ClusterState.TERMINATED);
    }

    private void assertScalingRefused(String clusterId, java.util.function.Consumer<ComputeLimits.Builder> limits, String code, String message)
    {
        assertThatThrownBy(() -> emr.putManagedScalingPolicy(request -> request.clusterId(clusterId).managedScalingPolicy(policy -> policy.computeLimits(limits))))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });
    }

    private void assertAddRefused(String clusterId, InstanceGroupConfig group, String named)
    {
        assertThatThrownBy(() -> emr.addInstanceGroups(request -> request.jobFlowId(clusterId).instanceGroups(group)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).containsIgnoringCase(named);
                });
    }

    /** Workers the cluster's standalone master has registered, from its log. */
    private int registeredWorkers(String clusterId)
            throws IOException
    {
        String masterId = emr.listInstances(request -> request.clusterId(clusterId).instanceGroupTypes(InstanceGroupType.MASTER)).instances().get(0).id();
        Path log = dataDir.resolve("clusters").resolve(clusterId).resolve("nodes").resolve(masterId).resolve("stderr");
        Matcher matcher = REGISTERED.matcher(Files.readString(log));
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private StepState stepState(String clusterId, String stepId)
    {
        return emr.describeStep(request -> request.clusterId(clusterId).stepId(stepId)).step().status().state();
    }

    private static StepConfig jarStep(String name, ActionOnFailure action, String mainClass, String... args)
    {
        return StepConfig.builder().name(name).actionOnFailure(action).hadoopJarStep(jar -> jar.jar(JAR).mainClass(mainClass).args(args)).build();
    }

    private List<InstanceGroup> groups(String clusterId)
    {
        return emr.listInstanceGroups(request -> request.clusterId(clusterId)).instanceGroups();
    }

    private InstanceGroup group(String clusterId, String groupId)
    {
        return groups(clusterId).stream().filter(group -> group.id().equals(groupId)).findFirst().orElseThrow();
    }

    private Cluster cluster(String clusterId)
    {
        return emr.describeCluster(request -> request.clusterId(clusterId)).cluster();
    }

    private void start()
    {
        emrys = new TestingEmrys(clock, config -> config.withDataDir(dataDir));
        emr = emrys.emrClient();
    }

    private void stop()
    {
        if (emr != null) {
            emr.close();
            emrys.close();
            emr = null;
        }
    }
}
