package io.emrys.api.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrys.cluster.BootstrapAction;
import io.emrys.cluster.ClusterSpec;
import io.emrys.cluster.EmrCluster;
import io.emrys.cluster.GroupSpec;
import io.emrys.cluster.InstanceGroupRecord;
import io.emrys.cluster.InstanceRecord;
import io.emrys.cluster.StatusReason;
import io.emrys.cluster.StepRecord;
import io.emrys.cluster.StepSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DescribeJobFlows' JobFlowDetail of stored clusters and the filters AWS documents, without a server. */
class JobFlowDescriptionsTest
{
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    @Test
    void showsAStoredClustersGroupsStepsAndBootstrapActionsInTheOldShape()
    {
        Instant created = NOW.minus(Duration.ofHours(2));
        Instant ready = created.plusSeconds(40);
        Instant ended = NOW.minus(Duration.ofHours(1));
        GroupSpec masterSpec = new GroupSpec("Primary", "MASTER", "ON_DEMAND", "m5.xlarge", 1);
        GroupSpec coreSpec = new GroupSpec("Core", "CORE", "ON_DEMAND", "r5d.2xlarge", 2);
        List<InstanceGroupRecord> groups = List.of(
                new InstanceGroupRecord("ig-MASTER", masterSpec, "TERMINATED", Optional.of(new StatusReason("CLUSTER_TERMINATED", "Job flow terminated")),
                        created, Optional.of(ready), Optional.of(ended)),
                new InstanceGroupRecord("ig-CORE", coreSpec, "TERMINATED", Optional.empty(), created, Optional.of(ready), Optional.of(ended)));
        List<InstanceRecord> instances = List.of(
                new InstanceRecord("ci-1", "i-0123456789abcdef0", "ig-MASTER", "MASTER", "ON_DEMAND", "m5.xlarge", 1, 512, "TERMINATED", Optional.empty(),
                        Optional.empty(), created, Optional.of(ready), Optional.of(ended)));
        StepSpec etl = new StepSpec("etl", "CONTINUE", "command-runner.jar", Optional.empty(), List.of("spark-submit", "s3://bucket/etl.py"),
                Map.of("stage", "nightly"));
        StepRecord failed = new StepRecord("s-1", etl, "FAILED", Optional.of(new StepRecord.FailureDetails("ValueError: no rows", "Step failed with exit code 1.",
                Optional.empty())), created, Optional.of(ready.plusSeconds(1)), Optional.of(ready.plusSeconds(30)));
        StepRecord cancelling = new StepRecord("s-2", etl, "CANCEL_PENDING", Optional.empty(), created, Optional.of(ready.plusSeconds(31)), Optional.empty());
        EmrCluster cluster = cluster("j-DONE", created, "TERMINATED", Optional.of(new StatusReason("USER_REQUEST", "Terminated by user request")),
                List.of(masterSpec, coreSpec), groups, instances, List.of(failed, cancelling), Optional.of(ready), Optional.of(ended));

        JsonNode flow = JobFlowDescriptions.detail(cluster, "us-east-1a", 40);

        assertThat(flow.path("JobFlowId").asText()).isEqualTo("j-DONE");
        assertThat(flow.path("Name").asText()).isEqualTo("nightly");
        assertThat(flow.path("LogUri").asText()).isEqualTo("s3://logs/emr/");
        assertThat(flow.path("ExecutionStatusDetail").path("State").asText()).isEqualTo("TERMINATED");
        assertThat(flow.path("ExecutionStatusDetail").path("LastStateChangeReason").asText()).isEqualTo("Terminated by user request");
        assertThat(flow.path("ExecutionStatusDetail").path("CreationDateTime").asText()).isEqualTo(created.toString());
        assertThat(flow.path("ExecutionStatusDetail").path("ReadyDateTime").asText()).isEqualTo(ready.toString());
        assertThat(flow.path("ExecutionStatusDetail").path("EndDateTime").asText()).isEqualTo(ended.toString());
        JsonNode summary = flow.path("Instances");
        assertThat(summary.path("MasterInstanceType").asText()).isEqualTo("m5.xlarge");
        assertThat(summary.path("SlaveInstanceType").asText()).isEqualTo("r5d.2xlarge");
        assertThat(summary.path("MasterInstanceId").asText()).isEqualTo("i-0123456789abcdef0");
        assertThat(summary.path("InstanceCount").asInt()).isEqualTo(3);
        assertThat(summary.path("NormalizedInstanceHours").asInt()).isEqualTo(40);
        assertThat(summary.path("Placement").path("AvailabilityZone").asText()).isEqualTo("us-east-1a");
        assertThat(summary.path("KeepJobFlowAliveWhenNoSteps").asBoolean()).isTrue();
        JsonNode core = summary.path("InstanceGroups").get(1);
        assertThat(core.path("InstanceGroupId").asText()).isEqualTo("ig-CORE");
        assertThat(core.path("InstanceRole").asText()).isEqualTo("CORE");
        assertThat(core.path("InstanceRequestCount").asInt()).isEqualTo(2);
        assertThat(core.path("InstanceRunningCount").asInt()).isZero();
        assertThat(core.path("State").asText()).as("the old API's name for a terminated group").isEqualTo("ENDED");
        assertThat(summary.path("InstanceGroups").get(0).path("LastStateChangeReason").asText()).isEqualTo("Job flow terminated");
        JsonNode step = flow.path("Steps").get(0);
        assertThat(step.path("StepConfig").path("Name").asText()).isEqualTo("etl");
        assertThat(step.path("StepConfig").path("HadoopJarStep").path("Args").toString()).isEqualTo("[\"spark-submit\",\"s3://bucket/etl.py\"]");
        assertThat(step.path("StepConfig").path("HadoopJarStep").path("Properties").get(0).path("Key").asText()).isEqualTo("stage");
        assertThat(step.path("ExecutionStatusDetail").path("State").asText()).isEqualTo("FAILED");
        assertThat(step.path("ExecutionStatusDetail").path("LastStateChangeReason").asText()).isEqualTo("ValueError: no rows");
        assertThat(flow.path("Steps").get(1).path("ExecutionStatusDetail").path("State").asText())
                .as("StepExecutionState has no CANCEL_PENDING").isEqualTo("RUNNING");
        assertThat(flow.path("JobFlowRole").asText()).isEqualTo("EMR_EC2_DefaultRole");
        assertThat(flow.path("ServiceRole").asText()).isEqualTo("EMR_DefaultRole");
        JsonNode action = flow.path("BootstrapActions").get(0).path("BootstrapActionConfig");
        assertThat(action.path("Name").asText()).isEqualTo("tools");
        assertThat(action.path("ScriptBootstrapAction").path("Path").asText()).isEqualTo("s3://bucket/bootstrap/install.sh");
        assertThat(action.path("ScriptBootstrapAction").path("Args").toString()).isEqualTo("[\"--quiet\"]");
    }

    @Test
    void namesClusterStatesAsTheOldApiDid()
    {
        assertThat(JobFlowDescriptions.jobFlowState(ended("j-A", NOW, "TERMINATED", "ALL_STEPS_COMPLETED"))).isEqualTo("COMPLETED");
        assertThat(JobFlowDescriptions.jobFlowState(ended("j-B", NOW, "TERMINATED", "USER_REQUEST"))).isEqualTo("TERMINATED");
        assertThat(JobFlowDescriptions.jobFlowState(ended("j-C", NOW, "TERMINATED_WITH_ERRORS", "BOOTSTRAP_FAILURE"))).isEqualTo("FAILED");
        assertThat(JobFlowDescriptions.jobFlowState(live("j-D", NOW, "TERMINATING"))).isEqualTo("SHUTTING_DOWN");
        assertThat(JobFlowDescriptions.jobFlowState(live("j-E", NOW, "WAITING"))).isEqualTo("WAITING");
    }

    @Test
    void unfilteredAnswersRecentEndedAndActiveClustersNewestFirst()
    {
        EmrCluster recentEnded = ended("j-RECENT", NOW.minus(Duration.ofDays(3)), "TERMINATED", "USER_REQUEST");
        EmrCluster oldEnded = ended("j-OLDENDED", NOW.minus(Duration.ofDays(20)), "TERMINATED", "USER_REQUEST");
        EmrCluster oldWaiting = live("j-OLDWAITING", NOW.minus(Duration.ofDays(40)), "WAITING");
        EmrCluster ancient = live("j-ANCIENT", NOW.minus(Duration.ofDays(70)), "WAITING");
        List<EmrCluster> all = List.of(ancient, oldWaiting, oldEnded, recentEnded);

        assertThat(ids(JobFlowDescriptions.select(all, Set.of(), Set.of(), Optional.empty(), Optional.empty(), NOW)))
                .containsExactly("j-RECENT", "j-OLDWAITING");
        assertThat(ids(JobFlowDescriptions.select(all, Set.of("j-OLDENDED", "j-ANCIENT", "j-NOSUCH"), Set.of(), Optional.empty(), Optional.empty(), NOW)))
                .as("any filter lifts the two-week rule, never the two-month one").containsExactly("j-OLDENDED");
        assertThat(ids(JobFlowDescriptions.select(all, Set.of(), Set.of("TERMINATED"), Optional.empty(), Optional.empty(), NOW)))
                .containsExactly("j-RECENT", "j-OLDENDED");
        assertThat(ids(JobFlowDescriptions.select(all, Set.of(), Set.of(), Optional.of(NOW.minus(Duration.ofDays(30))), Optional.empty(), NOW)))
                .containsExactly("j-RECENT", "j-OLDENDED");
        assertThat(ids(JobFlowDescriptions.select(all, Set.of(), Set.of(), Optional.empty(), Optional.of(NOW.minus(Duration.ofDays(10))), NOW)))
                .containsExactly("j-OLDENDED", "j-OLDWAITING");
    }

    private static List<String> ids(List<EmrCluster> clusters)
    {
        return clusters.stream().map(EmrCluster::id).toList();
    }

    private static EmrCluster ended(String id, Instant created, String state, String code)
    {
        return cluster(id, created, state, Optional.of(new StatusReason(code, "")), List.of(), List.of(), List.of(), List.of(), Optional.of(created),
                Optional.of(created.plusSeconds(600)));
    }

    private static EmrCluster live(String id, Instant created, String state)
    {
        return cluster(id, created, state, Optional.empty(), List.of(), List.of(), List.of(), List.of(), Optional.of(created), Optional.empty());
    }

    private static EmrCluster cluster(String id, Instant created, String state, Optional<StatusReason> reason, List<GroupSpec> specs,
            List<InstanceGroupRecord> groups, List<InstanceRecord> instances, List<StepRecord> steps, Optional<Instant> ready, Optional<Instant> ended)
    {
        ClusterSpec spec = new ClusterSpec("nightly", "emr-7.2.0", Optional.of("s3://logs/emr/"), List.of("Spark"), Optional.of("EMR_DefaultRole"),
                Optional.of("EMR_EC2_DefaultRole"), true, false, true, specs, List.of(), Map.of(), List.of(),
                List.of(new BootstrapAction("tools", "s3://bucket/bootstrap/install.sh", List.of("--quiet"))));
        return new EmrCluster(id, "arn:aws:elasticmapreduce:us-east-1:000000000000:cluster/" + id, spec, state, reason, created, ready, ended,
                Optional.empty(), true, false, true, Map.of(), groups, instances, steps, Optional.empty(), 1);
    }
}
