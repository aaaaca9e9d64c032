package io.emrys.api.emr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.cluster.BootstrapAction;
import io.emrys.cluster.ClusterService;
import io.emrys.cluster.ClusterSpec;
import io.emrys.cluster.Configuration;
import io.emrys.cluster.EmrCluster;
import io.emrys.cluster.GroupSpec;
import io.emrys.cluster.InstanceGroupRecord;
import io.emrys.cluster.InstanceRecord;
import io.emrys.cluster.StatusReason;
import io.emrys.cluster.StepRecord;
import io.emrys.cluster.StepSpec;
import io.emrys.common.Page;
import io.emrys.error.EmrysException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The EMR (on EC2) operations, by name: each converts the validated input document into a call of the cluster
 * service and the result into the model's output structure.
 */
public final class EmrOperations
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ClusterService clusters;
    private final Clock clock;

    public EmrOperations(ClusterService clusters, Clock clock)
    {
        this.clusters = requireNonNull(clusters, "clusters is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Map<String, OperationHandler> handlers()
    {
        Map<String, OperationHandler> handlers = new HashMap<>();
        handlers.put("RunJobFlow", this::runJobFlow);
        handlers.put("DescribeCluster", call -> NODES.objectNode().set("Cluster", cluster(clusters.describe(text(call.input(), "ClusterId")))));
        handlers.put("ListClusters", this::listClusters);
        handlers.put("TerminateJobFlows", call -> {
            clusters.terminate(strings(call.input().path("JobFlowIds")));
            return NODES.objectNode();
        });
        handlers.put("AddJobFlowSteps", call -> {
            List<String> ids = clusters.addSteps(text(call.input(), "JobFlowId"), steps(call.input().path("Steps")));
            return NODES.objectNode().set("StepIds", array(ids));
        });
        handlers.put("ListSteps", this::listSteps);
        handlers.put("DescribeStep", call -> NODES.objectNode().set("Step",
                step(clusters.describeStep(text(call.input(), "ClusterId"), text(call.input(), "StepId")))));
        handlers.put("CancelSteps", this::cancelSteps);
        handlers.put("ListInstanceGroups", this::listInstanceGroups);
        handlers.put("ListInstances", this::listInstances);
        handlers.put("AddTags", call -> {
            clusters.addTags(text(call.input(), "ResourceId"), tags(call.input().path("Tags")));
            return NODES.objectNode();
        });
        handlers.put("RemoveTags", call -> {
            clusters.removeTags(text(call.input(), "ResourceId"), strings(call.input().path("TagKeys")));
            return NODES.objectNode();
        });
        handlers.put("SetTerminationProtection", call -> {
            clusters.setTerminationProtection(strings(call.input().path("JobFlowIds")), call.input().path("TerminationProtected").asBoolean());
            return NODES.objectNode();
        });
        handlers.put("SetKeepJobFlowAliveWhenNoSteps", call -> {
            clusters.setKeepAlive(strings(call.input().path("JobFlowIds")), call.input().path("KeepJobFlowAliveWhenNoSteps").asBoolean());
            return NODES.objectNode();
        });
        handlers.put("SetVisibleToAllUsers", call -> {
            clusters.setVisibleToAllUsers(strings(call.input().path("JobFlowIds")), call.input().path("VisibleToAllUsers").asBoolean());
            return NODES.objectNode();
        });
        handlers.put("ModifyInstanceGroups", call -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (JsonNode group : call.input().path("InstanceGroups")) {
                if (group.has("EC2InstanceIdsToTerminate") || group.has("Configurations")) {
                    throw EmrysException.validation("This server resizes instance groups by InstanceCount only");
                }
                if (group.hasNonNull("InstanceCount")) {
                    counts.put(group.path("InstanceGroupId").asText(), group.get("InstanceCount").asInt());
                }
            }
            clusters.modifyInstanceGroups(optional(call.input(), "ClusterId"), counts);
            return NODES.objectNode();
        });
        handlers.put("ListReleaseLabels", this::listReleaseLabels);
        handlers.put("DescribeReleaseLabel", this::describeReleaseLabel);
        handlers.putAll(new EmrScalingOperations(clusters).handlers());
        handlers.put("ListSupportedInstanceTypes", new SupportedInstanceTypes(clusters)::list);
        handlers.put("ListBootstrapActions", this::listBootstrapActions);
        handlers.put("DescribeJobFlows", new JobFlowDescriptions(clusters, this::normalizedInstanceHours, clock)::describe);
        return Map.copyOf(handlers);
    }

    private ObjectNode runJobFlow(OperationCall call)
    {
        ObjectNode input = call.input();
        if (!input.hasNonNull("ReleaseLabel")) {
            throw EmrysException.validation("ReleaseLabel is required: this server runs release labels, not AMI versions");
        }
        JsonNode instances = input.path("Instances");
        if (instances.has("InstanceFleets")) {
            throw EmrysException.validation("Instance fleets are not supported by this server; use InstanceGroups");
        }
        List<GroupSpec> groups = new ArrayList<>();
        if (instances.has("InstanceGroups")) {
            for (JsonNode group : instances.path("InstanceGroups")) {
                String role = group.path("InstanceRole").asText();
                groups.add(new GroupSpec(group.path("Name").asText(role.charAt(0) + role.substring(1).toLowerCase() + " Instance Group"), role,
                        group.path("Market").asText("ON_DEMAND"), group.path("InstanceType").asText(), group.path("InstanceCount").asInt()));
            }
        }
        else if (instances.hasNonNull("MasterInstanceType")) {
            int count = instances.path("InstanceCount").asInt(1);
            groups.add(new GroupSpec("Master Instance Group", "MASTER", "ON_DEMAND", instances.path("MasterInstanceType").asText(), 1));
            if (count > 1) {
                groups.add(new GroupSpec("Core Instance Group", "CORE", "ON_DEMAND", instances.path("SlaveInstanceType").asText(
                        instances.path("MasterInstanceType").asText()), count - 1));
            }
        }
        else {
            throw EmrysException.validation("Instances must give InstanceGroups or MasterInstanceType");
        }
        List<String> applications = new ArrayList<>();
        input.path("Applications").forEach(application -> applications.add(application.path("Name").asText()));
        if (applications.isEmpty()) {
            applications.add("Spark");
        }
        ClusterSpec spec = new ClusterSpec(text(input, "Name"), text(input, "ReleaseLabel"), optional(input, "LogUri"), applications,
                optional(input, "ServiceRole"), optional(input, "JobFlowRole"), instances.path("KeepJobFlowAliveWhenNoSteps").asBoolean(false),
                instances.path("TerminationProtected").asBoolean(false), input.path("VisibleToAllUsers").asBoolean(true), groups,
                steps(input.path("Steps")), tags(input.path("Tags")), configurations(input.path("Configurations")),
                bootstrapActions(input.path("BootstrapActions")));
        EmrCluster cluster = clusters.runJobFlow(spec, EmrScalingOperations.idleTimeout(input.path("AutoTerminationPolicy")),
                input.path("StepConcurrencyLevel").asInt(1), EmrScalingOperations.managedScalingPolicy(input.path("ManagedScalingPolicy")));
        return NODES.objectNode().put("JobFlowId", cluster.id()).put("ClusterArn", cluster.arn());
    }

    /** RunJobFlow's BootstrapActions: each a Name and a ScriptBootstrapAction with its Path and Args. */
    private static List<BootstrapAction> bootstrapActions(JsonNode actions)
    {
        List<BootstrapAction> parsed = new ArrayList<>();
        for (JsonNode action : actions) {
            JsonNode script = action.path("ScriptBootstrapAction");
            if (!action.hasNonNull("Name") || !script.hasNonNull("Path")) {
                throw EmrysException.validation("A bootstrap action needs a Name and a ScriptBootstrapAction with a Path.");
            }
            parsed.add(new BootstrapAction(action.get("Name").asText(), script.get("Path").asText(), strings(script.path("Args"))));
        }
        return parsed;
    }

    /** One page holds them all: a cluster has at most 16. */
    private ObjectNode listBootstrapActions(OperationCall call)
    {
        EmrCluster cluster = clusters.describe(text(call.input(), "ClusterId"));
        ObjectNode output = NODES.objectNode();
        ArrayNode actions = output.putArray("BootstrapActions");
        for (BootstrapAction action : cluster.spec().bootstrapActions()) {
            ObjectNode command = actions.addObject().put("Name", action.name()).put("ScriptPath", action.path());
            action.args().forEach(command.putArray("Args")::add);
        }
        return output;
    }

    private ObjectNode listClusters(OperationCall call)
    {
        ObjectNode input = call.input();
        Set<String> states = new LinkedHashSet<>(strings(input.path("ClusterStates")));
        Page<EmrCluster> page = clusters.list(states, instant(input, "CreatedAfter"), instant(input, "CreatedBefore"), optional(input, "Marker"));
        ArrayNode summaries = NODES.arrayNode();
        for (EmrCluster cluster : page.items()) {
            summaries.addObject()
                    .put("Id", cluster.id())
                    .put("Name", cluster.spec().name())
                    .put("NormalizedInstanceHours", normalizedInstanceHours(cluster))
                    .put("ClusterArn", cluster.arn())
                    .set("Status", clusterStatus(cluster));
        }
        ObjectNode output = NODES.objectNode().set("Clusters", summaries);
        page.nextToken().ifPresent(marker -> output.put("Marker", marker));
        return output;
    }

    private ObjectNode listSteps(OperationCall call)
    {
        ObjectNode input = call.input();
        Page<StepRecord> page = clusters.listSteps(text(input, "ClusterId"), new LinkedHashSet<>(strings(input.path("StepStates"))),
                new LinkedHashSet<>(strings(input.path("StepIds"))), optional(input, "Marker"));
        ArrayNode steps = NODES.arrayNode();
        page.items().forEach(step -> steps.add(step(step)));
        ObjectNode output = NODES.objectNode().set("Steps", steps);
        page.nextToken().ifPresent(marker -> output.put("Marker", marker));
        return output;
    }

    private ObjectNode cancelSteps(OperationCall call)
    {
        ArrayNode infos = NODES.arrayNode();
        for (ClusterService.CancelResult result : clusters.cancelSteps(text(call.input(), "ClusterId"), strings(call.input().path("StepIds")))) {
            ObjectNode info = infos.addObject().put("StepId", result.stepId()).put("Status", result.status());
            if (!result.reason().isEmpty()) {
                info.put("Reason", result.reason());
            }
        }
        return NODES.objectNode().set("CancelStepsInfoList", infos);
    }

    private ObjectNode listInstanceGroups(OperationCall call)
    {
        EmrCluster cluster = clusters.describe(text(call.input(), "ClusterId"));
        ArrayNode groups = NODES.arrayNode();
        for (InstanceGroupRecord group : cluster.groups()) {
            long running = cluster.instances().stream().filter(instance -> instance.groupId().equals(group.id()) && instance.state().equals("RUNNING")).count();
            ObjectNode node = groups.addObject()
                    .put("Id", group.id())
                    .put("Name", group.spec().name())
                    .put("Market", group.spec().market())
                    .put("InstanceGroupType", group.spec().role())
                    .put("InstanceType", group.spec().instanceType())
                    .put("RequestedInstanceCount", group.spec().count())
                    .put("RunningInstanceCount", running);
            node.set("Configurations", NODES.arrayNode());
            node.set("Status", status(group.state(), group.reason(), timeline("CreationDateTime", Optional.of(group.created()), "ReadyDateTime", group.ready(),
                    group.ended())));
        }
        return NODES.objectNode().set("InstanceGroups", groups);
    }

    private ObjectNode listInstances(OperationCall call)
    {
        ObjectNode input = call.input();
        EmrCluster cluster = clusters.describe(text(input, "ClusterId"));
        Optional<String> groupId = optional(input, "InstanceGroupId");
        Set<String> types = new LinkedHashSet<>(strings(input.path("InstanceGroupTypes")));
        Set<String> states = new LinkedHashSet<>(strings(input.path("InstanceStates")));
        ArrayNode instances = NODES.arrayNode();
        for (InstanceRecord instance : cluster.instances()) {
            if (groupId.map(id -> !id.equals(instance.groupId())).orElse(false) || (!types.isEmpty() && !types.contains(instance.role()))
                    || (!states.isEmpty() && !states.contains(instance.state()))) {
                continue;
            }
            ObjectNode node = instances.addObject()
                    .put("Id", instance.id())
                    .put("Ec2InstanceId", instance.ec2InstanceId())
                    .put("PublicDnsName", "localhost")
                    .put("PublicIpAddress", "127.0.0.1")
                    .put("PrivateDnsName", "localhost")
                    .put("PrivateIpAddress", "127.0.0.1")
                    .put("InstanceGroupId", instance.groupId())
                    .put("Market", instance.market())
                    .put("InstanceType", instance.instanceType());
            node.set("Status", status(instance.state(), instance.reason(), timeline("CreationDateTime", Optional.of(instance.created()), "ReadyDateTime",
                    instance.ready(), instance.ended())));
            node.set("EbsVolumes", NODES.arrayNode());
        }
        return NODES.objectNode().set("Instances", instances);
    }

    private ObjectNode listReleaseLabels(OperationCall call)
    {
        ObjectNode input = call.input();
        String prefix = input.path("Filters").path("Prefix").asText("");
        List<String> labels = new ArrayList<>(clusters.releaseLabels().stream().filter(label -> label.startsWith(prefix)).toList());
        java.util.Collections.reverse(labels);
        Page<String> page = Page.of(labels, label -> "%06d".formatted(labels.indexOf(label)), optional(input, "NextToken"),
                input.hasNonNull("MaxResults") ? Optional.of(input.get("MaxResults").asInt()) : Optional.empty());
        ObjectNode output = NODES.objectNode().set("ReleaseLabels", array(page.items()));
        page.nextToken().ifPresent(token -> output.put("NextToken", token));
        return output;
    }

    private ObjectNode describeReleaseLabel(OperationCall call)
    {
        String label = text(call.input(), "ReleaseLabel");
        String sparkVersion = clusters.sparkVersion(label);
        ObjectNode output = NODES.objectNode().put("ReleaseLabel", label);
        ArrayNode applications = output.putArray("Applications");
        applications.addObject().put("Name", "Spark").put("Version", sparkVersion);
        clusters.hiveVersion(label).ifPresent(version -> applications.addObject().put("Name", "Hive").put("Version", version));
        return output;
    }

    private ObjectNode cluster(EmrCluster cluster)
    {
        ObjectNode node = NODES.objectNode()
                .put("Id", cluster.id())
                .put("Name", cluster.spec().name())
                .put("InstanceCollectionType", "INSTANCE_GROUP")
                .put("ReleaseLabel", cluster.spec().releaseLabel())
                .put("AutoTerminate", !cluster.keepAlive())
                .put("TerminationProtected", cluster.terminationProtected())
                .put("VisibleToAllUsers", cluster.visibleToAllUsers())
                .put("NormalizedInstanceHours", normalizedInstanceHours(cluster))
                .put("MasterPublicDnsName", "localhost")
                .put("ClusterArn", cluster.arn())
                .put("StepConcurrencyLevel", cluster.stepConcurrencyLevel())
                .put("ScaleDownBehavior", "TERMINATE_AT_TASK_COMPLETION");
        node.set("Status", clusterStatus(cluster));
        cluster.spec().logUri().ifPresent(uri -> node.put("LogUri", uri));
        cluster.spec().serviceRole().ifPresent(role -> node.put("ServiceRole", role));
        ObjectNode ec2 = node.putObject("Ec2InstanceAttributes").put("Ec2AvailabilityZone", clusters.availabilityZone());
        cluster.spec().jobFlowRole().ifPresent(role -> ec2.put("IamInstanceProfile", role));
        ArrayNode applications = node.putArray("Applications");
        String sparkVersion = clusters.sparkVersion(cluster.spec().releaseLabel());
        Optional<String> hiveVersion = clusters.hiveVersion(cluster.spec().releaseLabel());
        for (String name : cluster.spec().applications()) {
            ObjectNode application = applications.addObject().put("Name", name);
            if (name.equalsIgnoreCase("hive")) {
                hiveVersion.ifPresent(version -> application.put("Version", version));
            }
            else {
                application.put("Version", sparkVersion);
            }
        }
        ArrayNode tags = node.putArray("Tags");
        cluster.tags().forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        node.set("Configurations", configurations(cluster.spec().configurations()));
        return node;
    }

    private ObjectNode clusterStatus(EmrCluster cluster)
    {
        return status(cluster.state(), cluster.reason(), timeline("CreationDateTime", Optional.of(cluster.created()), "ReadyDateTime", cluster.ready(),
                cluster.ended()));
    }

    private ObjectNode step(StepRecord step)
    {
        ObjectNode node = NODES.objectNode()
                .put("Id", step.id())
                .put("Name", step.spec().name())
                .put("ActionOnFailure", step.spec().actionOnFailure());
        ObjectNode config = node.putObject("Config").put("Jar", step.spec().jar());
        step.spec().mainClass().ifPresent(mainClass -> config.put("MainClass", mainClass));
        ObjectNode properties = config.putObject("Properties");
        step.spec().properties().forEach(properties::put);
        config.set("Args", array(step.spec().args()));
        ObjectNode status = NODES.objectNode().put("State", step.state());
        status.putObject("StateChangeReason");
        step.failure().ifPresent(failure -> {
            ObjectNode details = status.putObject("FailureDetails").put("Reason", failure.reason()).put("Message", failure.message());
            failure.logFile().ifPresent(file -> details.put("LogFile", file));
        });
        status.set("Timeline", timeline("CreationDateTime", Optional.of(step.created()), "StartDateTime", step.started(), step.ended()));
        node.set("Status", status);
        return node;
    }

    private static ObjectNode status(String state, Optional<StatusReason> reason, ObjectNode timeline)
    {
        ObjectNode status = NODES.objectNode().put("State", state);
        ObjectNode change = status.putObject("StateChangeReason");
        reason.ifPresent(why -> {
            if (!why.code().isEmpty()) {
                change.put("Code", why.code());
            }
            change.put("Message", why.message());
        });
        status.set("Timeline", timeline);
        return status;
    }

    private static ObjectNode timeline(String createdName, Optional<Instant> created, String readyName, Optional<Instant> ready, Optional<Instant> ended)
    {
        ObjectNode timeline = NODES.objectNode();
        created.ifPresent(time -> timeline.put(createdName, time.toString()));
        ready.ifPresent(time -> timeline.put(readyName, time.toString()));
        ended.ifPresent(time -> timeline.put("EndDateTime", time.toString()));
        return timeline;
    }

    /**
     * EMR's normalized instance hours: each instance's started hours (rounded up) times its size's factor
     * (small 1, medium 2, large 4, xlarge 8, and twice that for each doubling).
     */
    private int normalizedInstanceHours(EmrCluster cluster)
    {
        Instant now = clock.instant();
        long total = 0;
        for (InstanceRecord instance : cluster.instances()) {
            if (instance.ready().isEmpty()) {
                continue;
            }
            Duration lived = Duration.between(instance.ready().get(), instance.ended().orElse(now));
            long hours = Math.max(1, (lived.toMillis() + 3_599_999) / 3_600_000);
            total += hours * sizeFactor(instance.instanceType());
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    static int sizeFactor(String instanceType)
    {
        String size = instanceType.substring(instanceType.indexOf('.') + 1);
        return switch (size) {
            case "nano" -> 1;
            case "micro", "small" -> 1;
            case "medium" -> 2;
            case "large" -> 4;
            case "xlarge" -> 8;
            default -> size.endsWith("xlarge") ? 8 * parseMultiple(size) : 8;
        };
    }

    private static int parseMultiple(String size)
    {
        try {
            return Integer.parseInt(size.substring(0, size.length() - "xlarge".length()));
        }
        catch (NumberFormatException e) {
            return 1;
        }
    }

    private static List<StepSpec> steps(JsonNode steps)
    {
        List<StepSpec> specs = new ArrayList<>();
        for (JsonNode step : steps) {
            JsonNode jar = step.path("HadoopJarStep");
            Map<String, String> properties = new LinkedHashMap<>();
            jar.path("Properties").forEach(property -> properties.put(property.path("Key").asText(), property.path("Value").asText()));
            specs.add(new StepSpec(step.path("Name").asText(), step.path("ActionOnFailure").asText("TERMINATE_CLUSTER"), jar.path("Jar").asText(),
                    jar.hasNonNull("MainClass") ? Optional.of(jar.get("MainClass").asText()) : Optional.empty(), strings(jar.path("Args")), properties));
        }
        return specs;
    }

    /** RunJobFlow's Configurations as given; a missing Classification is the empty one, which nothing applies. */
    private static List<Configuration> configurations(JsonNode configurations)
    {
        List<Configuration> list = new ArrayList<>();
        for (JsonNode configuration : configurations) {
            Map<String, String> properties = new LinkedHashMap<>();
            configuration.path("Properties").fields().forEachRemaining(property -> properties.put(property.getKey(), property.getValue().asText()));
            list.add(new Configuration(configuration.path("Classification").asText(""), properties, configurations(configuration.path("Configurations"))));
        }
        return list;
    }

    private static ArrayNode configurations(List<Configuration> configurations)
    {
        ArrayNode array = NODES.arrayNode();
        for (Configuration configuration : configurations) {
            ObjectNode node = array.addObject().put("Classification", configuration.classification());
            // as given: a classification without properties (spark-env, whose variables are in its export) shows none
            if (!configuration.properties().isEmpty()) {
                ObjectNode properties = node.putObject("Properties");
                configuration.properties().forEach(properties::put);
            }
            if (!configuration.configurations().isEmpty()) {
                node.set("Configurations", configurations(configuration.configurations()));
            }
        }
        return array;
    }

    private static Map<String, String> tags(JsonNode tags)
    {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.path("Key").asText(), tag.path("Value").asText("")));
        return map;
    }

    private static List<String> strings(JsonNode array)
    {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static ArrayNode array(List<String> values)
    {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String text(ObjectNode input, String member)
    {
        JsonNode value = input.get(member);
        if (value == null || value.isNull()) {
            throw EmrysException.validation("1 validation error detected: Value null at '%s' failed to satisfy constraint: Member must not be null".formatted(
                    Character.toLowerCase(member.charAt(0)) + member.substring(1)));
        }
        return value.asText();
    }

    private static Optional<String> optional(ObjectNode input, String member)
    {
        return input.hasNonNull(member) ? Optional.of(input.get(member).asText()) : Optional.empty();
    }

    private static Optional<Instant> instant(ObjectNode input, String member)
    {
        return optional(input, member).map(Instant::parse);
    }
}
