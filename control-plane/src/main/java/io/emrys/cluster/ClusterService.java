package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.common.Account;
import io.emrys.common.DaemonThreads;
import io.emrys.common.Page;
import io.emrys.compute.nodes.ClusterNodes;
import io.emrys.compute.nodes.InstanceScale;
import io.emrys.compute.nodes.InstanceType;
import io.emrys.compute.nodes.InstanceTypes;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.error.EmrysException;
import io.emrys.store.CommittedView;
import io.emrys.store.Transactions;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EMR (on EC2) cluster operations: checks a request against what this server can run, stores the cluster and
 * starts its {@link ClusterRunner}, which does the rest. Bad input is refused before anything is stored or started.
 */
public final class ClusterService
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(ClusterService.class);
    /** The applications a cluster can run here; EMR's names, compared without case as AWS does. */
    static final Set<String> RUNNABLE_APPLICATIONS = Set.of("spark", "hive");
    /** AWS's limit of steps a cluster may have pending or running (StepConfigList documents 256 in all). */
    private static final int MAX_ACTIVE_STEPS = 256;
    /** AWS's limit of instance groups in a cluster: a master, a core and up to 48 task groups. */
    private static final int MAX_INSTANCE_GROUPS = 50;
    /** How long a cluster with a managed scaling policy stays idle before it shrinks to the policy's minimum. */
    static final Duration SCALE_IN_AFTER = Duration.ofSeconds(60);

    private final Account account;
    private final Transactions transactions;
    private final ClusterDao dao;
    private final RuntimeCatalog runtimes;
    private final InstanceTypes instanceTypes;
    private final InstanceScale scale;
    private final ClusterNodes nodes;
    private final StepLogs logs;
    private final BootstrapScripts scripts;
    private final Supplier<Map<String, String>> hadoopS3a;
    private final Path root;
    private final ClusterIds ids;
    private final Clock clock;
    private final CommittedView<String, EmrCluster> clusters;
    private final Map<String, ClusterRunner> runners = new ConcurrentHashMap<>();
    private final AutoTerminationPolicies autoTermination;
    private final ManagedScalingPolicies managedScaling;

    public ClusterService(Account account, Transactions transactions, ClusterDao dao, RuntimeCatalog runtimes, InstanceTypes instanceTypes,
            InstanceScale scale, ClusterNodes nodes, StepLogs logs, BootstrapScripts scripts, Supplier<Map<String, String>> hadoopS3a, Path root, ClusterIds ids,
            Clock clock)
    {
        this.account = requireNonNull(account, "account is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.instanceTypes = requireNonNull(instanceTypes, "instanceTypes is null");
        this.scale = requireNonNull(scale, "scale is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.hadoopS3a = requireNonNull(hadoopS3a, "hadoopS3a is null");
        this.root = requireNonNull(root, "root is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.clusters = new CommittedView<>(transactions, dao::update);
        this.autoTermination = new AutoTerminationPolicies(transactions);
        this.managedScaling = new ManagedScalingPolicies(transactions);
    }

    public EmrCluster runJobFlow(ClusterSpec spec)
    {
        return runJobFlow(spec, Optional.empty(), 1);
    }

    /**
     * @param idleTimeoutSeconds RunJobFlow's AutoTerminationPolicy, stored with the cluster
     * @param stepConcurrencyLevel how many steps may run at once (1 to 256)
     */
    public EmrCluster runJobFlow(ClusterSpec spec, Optional<Long> idleTimeoutSeconds, int stepConcurrencyLevel)
    {
        return runJobFlow(spec, idleTimeoutSeconds, stepConcurrencyLevel, Optional.empty());
    }

    /** @param scaling RunJobFlow's ManagedScalingPolicy, checked and stored with the cluster */
    public EmrCluster runJobFlow(ClusterSpec spec, Optional<Long> idleTimeoutSeconds, int stepConcurrencyLevel, Optional<ManagedScalingPolicy> scaling)
    {
        requireNonNull(spec, "spec is null");
        scaling.ifPresent(ManagedScalingPolicy::validated);
        checkStepConcurrencyLevel(stepConcurrencyLevel);
        Optional<AutoTerminationPolicy> policy = idleTimeoutSeconds.map(seconds -> AutoTerminationPolicy.of(seconds, clock.instant()));
        SparkRuntime runtime = runtime(spec.releaseLabel());
        for (String application : spec.applications()) {
            if (!RUNNABLE_APPLICATIONS.contains(application.toLowerCase(Locale.ROOT))) {
                throw EmrysException.validation("Specified application: %s is invalid. This server runs only Spark and Hive on its clusters"
                        .formatted(application));
            }
        }
        if (spec.hasHive() && HiveMetastore.clientVersion(runtime).isEmpty()) {
            throw EmrysException.validation(("Specified application: Hive is not available with release label %s on this server: its Spark %s runtime "
                    + "(%s) carries no Spark Hive support (spark-hive, hive-metastore and Derby jars)").formatted(spec.releaseLabel(),
                    runtime.sparkVersion(), runtime.jars()));
        }
        // refused here, before anything is stored; each step reads them again (StepSettings)
        ClusterConfigurations.of(spec.configurations());
        checkGroups(spec.groups());
        spec.logUri().ifPresent(ClusterService::checkLogUri);
        checkBootstrapActions(spec.bootstrapActions());
        Instant now = clock.instant();
        String id = ids.cluster();
        List<InstanceGroupRecord> groups = new ArrayList<>();
        List<InstanceRecord> instances = new ArrayList<>();
        for (GroupSpec group : spec.groups()) {
            InstanceGroupRecord record = new InstanceGroupRecord(ids.instanceGroup(), group, "PROVISIONING", Optional.empty(), now, Optional.empty(),
                    Optional.empty());
            groups.add(record);
            InstanceType type = instanceTypes.require(group.instanceType());
            for (int i = 0; i < group.count(); i++) {
                instances.add(new InstanceRecord(ids.instance(), ids.ec2Instance(), record.id(), group.role(), group.market(), type.name(), scale.cores(type),
                        scale.memoryMb(type), "PROVISIONING", Optional.empty(), Optional.empty(), now, Optional.empty(), Optional.empty()));
            }
        }
        List<StepRecord> steps = spec.steps().stream().map(step -> newStep(step, now)).toList();
        EmrCluster cluster = new EmrCluster(id, arn(id), spec, "STARTING", Optional.empty(), now, Optional.empty(), Optional.empty(), Optional.empty(),
                spec.keepAlive(), spec.terminationProtected(), spec.visibleToAllUsers(), spec.tags(), groups, instances, steps, Optional.empty(),
                stepConcurrencyLevel);
        clusters.locked(() -> {
            transactions.write(handle -> {
                dao.insert(handle, cluster);
                policy.ifPresent(set -> autoTermination.write(handle, id, set));
                scaling.ifPresent(set -> managedScaling.write(handle, id, set));
                return null;
            });
            clusters.show(id, cluster);
            policy.ifPresent(set -> autoTermination.show(id, set));
            scaling.ifPresent(set -> managedScaling.show(id, set));
            return null;
        });
        ClusterRunner runner = new ClusterRunner(id, runtime, this, nodes, logs, scripts, hadoopS3a, clusterDir(id), clock);
        runners.put(id, runner);
        Thread thread = DaemonThreads.named("emr-cluster-" + id).newThread(runner);
        thread.start();
        return cluster;
    }

    public EmrCluster describe(String clusterId)
    {
        return clusters.find(requireNonNull(clusterId, "clusterId is null"))
                .orElseThrow(() -> EmrysException.notFound("Cluster id '%s' is not valid.".formatted(clusterId)));
    }

    /** Newest first, 50 a page, as AWS lists them. */
    public Page<EmrCluster> list(Set<String> states, Optional<Instant> createdAfter, Optional<Instant> createdBefore, Optional<String> marker)
    {
        List<EmrCluster> matching = clusters.values().stream()
                .filter(cluster -> states.isEmpty() || states.contains(cluster.state()))
                .filter(cluster -> createdAfter.map(after -> !cluster.created().isBefore(after)).orElse(true))
                .filter(cluster -> createdBefore.map(before -> !cluster.created().isAfter(before)).orElse(true))
                .sorted(Comparator.comparing(ClusterService::newestFirst))
                .toList();
        return pageOf(matching, ClusterService::newestFirst, marker);
    }

    public void terminate(List<String> clusterIds)
    {
        clusters.locked(() -> {
            List<EmrCluster> targets = clusterIds.stream().map(this::describe).toList();
            if (targets.stream().anyMatch(cluster -> cluster.terminationProtected() && !cluster.hasEnded())) {
                throw EmrysException.validation("Could not shut down one or more job flows since they are termination protected.");
            }
            for (EmrCluster target : targets) {
                change(target.id(), cluster -> cluster.terminationUnderway() ? cluster
                        : cluster.withTermination(new StatusReason("USER_REQUEST", "Terminated by user request")));
            }
            return null;
        });
        clusterIds.forEach(this::wake);
    }

    public List<String> addSteps(String clusterId, List<StepSpec> specs)
    {
        List<String> added = clusters.locked(() -> {
            EmrCluster cluster = describe(clusterId);
            if (cluster.terminationUnderway()) {
                throw EmrysException.validation("A job flow that is shutting down, terminated, or finished may not be modified.");
            }
            long active = cluster.steps().stream().filter(step -> !step.finished()).count();
            if (active + specs.size() > MAX_ACTIVE_STEPS) {
                throw EmrysException.validation("Maximum number of active steps(State = 'Running', 'Pending' or 'Cancel_Pending') for cluster exceeded.");
            }
            checkConcurrentActions(cluster, specs);
            Instant now = clock.instant();
            List<StepRecord> steps = specs.stream().map(step -> newStep(step, now)).toList();
            change(clusterId, current -> current.addSteps(steps));
            return steps.stream().map(StepRecord::id).toList();
        });
        wake(clusterId);
        return added;
    }

    /** Newest first, as AWS lists a cluster's steps. */
    public Page<StepRecord> listSteps(String clusterId, Set<String> states, Set<String> stepIds, Optional<String> marker)
    {
        EmrCluster cluster = describe(clusterId);
        List<StepRecord> all = cluster.steps();
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            keys.put(all.get(i).id(), "%06d".formatted(999_999 - i));
        }
        List<StepRecord> matching = all.stream()
                .filter(step -> states.isEmpty() || states.contains(step.state()))
                .filter(step -> stepIds.isEmpty() || stepIds.contains(step.id()))
                .sorted(Comparator.comparing(step -> keys.get(step.id())))
                .toList();
        return pageOf(matching, step -> keys.get(step.id()), marker);
    }

    public StepRecord describeStep(String clusterId, String stepId)
    {
        return describe(clusterId).step(stepId).orElseThrow(() -> EmrysException.notFound("Step id '%s' is not valid.".formatted(stepId)));
    }

    /** One result per step id: SUBMITTED for a pending or running step (it ends CANCELLED), FAILED with the reason otherwise. */
    public List<CancelResult> cancelSteps(String clusterId, List<String> stepIds)
    {
        List<CancelResult> results = clusters.locked(() -> {
            EmrCluster cluster = describe(clusterId);
            Instant now = clock.instant();
            List<CancelResult> answers = new ArrayList<>();
            EmrCluster next = cluster;
            for (String stepId : stepIds) {
                Optional<StepRecord> step = next.step(stepId);
                if (step.isEmpty()) {
                    answers.add(new CancelResult(stepId, "FAILED", "Step id '%s' is not valid.".formatted(stepId)));
                }
                else if (step.get().pending()) {
                    next = next.changeStep(stepId, pending -> pending.ended("CANCELLED", Optional.empty(), now));
                    answers.add(new CancelResult(stepId, "SUBMITTED", ""));
                }
                else if (step.get().state().equals("RUNNING")) {
                    next = next.changeStep(stepId, running -> new StepRecord(running.id(), running.spec(), "CANCEL_PENDING", running.failure(),
                            running.created(), running.started(), running.ended()));
                    answers.add(new CancelResult(stepId, "SUBMITTED", ""));
                }
                else {
                    answers.add(new CancelResult(stepId, "FAILED", "Step %s is %s and cannot be cancelled.".formatted(stepId, step.get().state())));
                }
            }
            EmrCluster decided = next;
            change(clusterId, current -> decided == cluster ? current : decided);
            return answers;
        });
        wake(clusterId);
        return results;
    }

    public record CancelResult(String stepId, String status, String reason) {}

    /**
     * Sets the requested count of CORE and TASK groups: the runner starts the new workers, or stops the newest
     * ones (no graceful decommissioning yet: their executors are lost, and Spark reruns their tasks).
     * Each entry is a group id and its new count; the MASTER group cannot be resized, as on AWS.
     */
    public void modifyInstanceGroups(Optional<String> clusterId, Map<String, Integer> counts)
    {
        String id = clusters.locked(() -> {
            EmrCluster cluster = clusterId.map(this::describe).orElseGet(() -> clusters.values().stream()
                    .filter(candidate -> candidate.groups().stream().anyMatch(group -> counts.containsKey(group.id())))
                    .findFirst().orElseThrow(() -> EmrysException.validation("Instance group id '%s' is not valid.".formatted(counts.keySet()))));
            if (cluster.terminationUnderway()) {
                throw EmrysException.validation("A job flow that is shutting down, terminated, or finished may not be modified.");
            }
            for (Map.Entry<String, Integer> entry : counts.entrySet()) {
                InstanceGroupRecord group = cluster.groups().stream().filter(candidate -> candidate.id().equals(entry.getKey())).findFirst()
                        .orElseThrow(() -> EmrysException.validation("Instance group id '%s' is not valid.".formatted(entry.getKey())));
                if (group.spec().role().equals("MASTER")) {
                    throw EmrysException.validation("The master instance group cannot be resized.");
                }
                if (entry.getValue() < 0) {
                    throw EmrysException.validation("Instance count must not be negative: " + entry.getValue());
                }
            }
            Instant now = clock.instant();
            change(cluster.id(), current -> resized(current, counts, now));
            return cluster.id();
        });
        wake(id);
    }

    /** {@code cluster} with each group of {@code counts} RESIZING to its new count, new instances PROVISIONING for the runner to start. */
    private EmrCluster resized(EmrCluster current, Map<String, Integer> counts, Instant now)
    {
        EmrCluster next = current;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            InstanceGroupRecord group = next.groups().stream().filter(candidate -> candidate.id().equals(entry.getKey())).findFirst().orElseThrow();
            long live = next.instances().stream().filter(instance -> instance.groupId().equals(group.id()) && !instance.terminated()).count();
            List<InstanceRecord> added = new ArrayList<>();
            InstanceType type = instanceTypes.require(group.spec().instanceType());
            for (long i = live; i < entry.getValue(); i++) {
                added.add(new InstanceRecord(ids.instance(), ids.ec2Instance(), group.id(), group.spec().role(), group.spec().market(), type.name(),
                        scale.cores(type), scale.memoryMb(type), "PROVISIONING", Optional.empty(), Optional.empty(), now, Optional.empty(),
                        Optional.empty()));
            }
            List<InstanceRecord> instances = new ArrayList<>(next.instances());
            instances.addAll(added);
            GroupSpec resized = new GroupSpec(group.spec().name(), group.spec().role(), group.spec().market(), group.spec().instanceType(),
                    entry.getValue());
            next = next.withInstances(instances).withGroups(next.groups().stream().map(candidate -> candidate.id().equals(group.id())
                    ? new InstanceGroupRecord(candidate.id(), resized, "RESIZING", Optional.empty(), candidate.created(), candidate.ready(),
                    candidate.ended())
                    : candidate).toList());
        }
        return next;
    }

    public void setTerminationProtection(List<String> clusterIds, boolean protect)
    {
        settings(clusterIds, cluster -> cluster.withSettings(cluster.keepAlive(), protect, cluster.visibleToAllUsers()));
    }

    public void setKeepAlive(List<String> clusterIds, boolean keep)
    {
        settings(clusterIds, cluster -> cluster.withSettings(keep, cluster.terminationProtected(), cluster.visibleToAllUsers()));
        clusterIds.forEach(this::wake);
    }

    public void setVisibleToAllUsers(List<String> clusterIds, boolean visible)
    {
        settings(clusterIds, cluster -> cluster.withSettings(cluster.keepAlive(), cluster.terminationProtected(), visible));
    }

    public void addTags(String clusterId, Map<String, String> tags)
    {
        clusters.locked(() -> {
            describe(clusterId);
            return change(clusterId, cluster -> {
                Map<String, String> next = cluster.mutableTags();
                next.putAll(tags);
                return cluster.withTags(next);
            });
        });
    }

    public void removeTags(String clusterId, List<String> keys)
    {
        clusters.locked(() -> {
            describe(clusterId);
            return change(clusterId, cluster -> {
                Map<String, String> next = cluster.mutableTags();
                keys.forEach(next::remove);
                return cluster.withTags(next);
            });
        });
    }

    /** The release labels this server can start clusters with, oldest first. */
    public List<String> releaseLabels()
    {
        return runtimes.supportedLabels();
    }

    /**
     * The instance types a cluster of a served release label can ask for: the whole catalog, as every label here
     * runs on every type. An unknown or unserved label is InvalidRequestException, as the operation declares.
     */
    public List<InstanceType> supportedInstanceTypes(String releaseLabel)
    {
        requireNonNull(releaseLabel, "releaseLabel is null");
        if (!releaseLabels().contains(releaseLabel)) {
            throw EmrysException.notFound("The release label '%s' is not valid. Supported release labels: %s".formatted(releaseLabel,
                    String.join(", ", releaseLabels())));
        }
        return instanceTypes.all();
    }

    /** The Spark version a served label runs here (an operator's pin, else AWS's). */
    public String sparkVersion(String releaseLabel)
    {
        return runtimes.sparkVersion(runtimes.releaseLabel(releaseLabel));
    }

    /**
     * The Hive version a cluster of the label reports: the Hive metastore client its Spark runtime embeds (2.3.x),
     * not AWS's Hive 3.1.3, as no Hive server runs here; empty when the runtime has no Hive support.
     */
    public Optional<String> hiveVersion(String releaseLabel)
    {
        return runtimes.installed(releaseLabel).flatMap(HiveMetastore::clientVersion);
    }

    /** Where every cluster runs: one zone of the server's region, as AWS runs a cluster in one Availability Zone. */
    public String availabilityZone()
    {
        return account.region() + "a";
    }

    public Collection<EmrCluster> all()
    {
        return clusters.values();
    }

    /**
     * Loads every stored cluster. A cluster that was live when the control plane stopped has lost its processes
     * (they are not re-adopted): any left running is killed, and it ends TERMINATED_WITH_ERRORS.
     */
    public void recover()
    {
        autoTermination.load();
        managedScaling.load();
        List<EmrCluster> stored = transactions.read(dao::all);
        for (EmrCluster cluster : stored) {
            clusters.show(cluster.id(), cluster);
            if (!cluster.hasEnded()) {
                // every process started from the cluster's folder: its nodes, a step's driver and their executors
                String dir = clusterDir(cluster.id()).toString() + "/";
                ProcessHandle.allProcesses()
                        .filter(handle -> handle.info().commandLine().map(line -> line.contains(dir)).orElse(false))
                        .forEach(ProcessHandle::destroyForcibly);
                Instant now = clock.instant();
                StatusReason lost = new StatusReason("INTERNAL_ERROR", "The cluster's processes were lost when the Emrys control plane stopped");
                change(cluster.id(), current -> ClusterRunner.ended(current.cancelPendingSteps(now), lost, now));
            }
        }
    }

    /**
     * AddInstanceGroups: new TASK groups (and a CORE group when the cluster has none) on a RUNNING or WAITING
     * cluster; the runner starts each instance as a worker of the cluster's master. Returns the new groups' ids.
     */
    public List<String> addInstanceGroups(String clusterId, List<GroupSpec> specs)
    {
        List<String> added = clusters.locked(() -> {
            EmrCluster cluster = describe(clusterId);
            if (cluster.terminationUnderway()) {
                throw EmrysException.validation("A job flow that is shutting down, terminated, or finished may not be modified.");
            }
            if (!cluster.state().equals("RUNNING") && !cluster.state().equals("WAITING")) {
                throw EmrysException.validation("Instance groups can be added only to a RUNNING or WAITING cluster; cluster %s is %s."
                        .formatted(clusterId, cluster.state()));
            }
            if (specs.isEmpty()) {
                throw EmrysException.validation("InstanceGroups must name at least one instance group to add.");
            }
            boolean hasCore = cluster.groups().stream().anyMatch(group -> group.spec().role().equals("CORE"));
            long cores = specs.stream().filter(group -> group.role().equals("CORE")).count();
            for (GroupSpec group : specs) {
                if (group.role().equals("MASTER")) {
                    throw EmrysException.validation("A cluster has exactly one master instance group; another cannot be added.");
                }
                instanceTypes.require(group.instanceType());
                if (group.count() < 0) {
                    throw EmrysException.validation("Instance count must not be negative: " + group.count());
                }
            }
            if (cores > 1 || (cores == 1 && hasCore)) {
                throw EmrysException.validation("A cluster may have at most one CORE instance group");
            }
            if (cluster.groups().size() + specs.size() > MAX_INSTANCE_GROUPS) {
                throw EmrysException.validation("A cluster may have at most %d instance groups.".formatted(MAX_INSTANCE_GROUPS));
            }
            Instant now = clock.instant();
            List<InstanceGroupRecord> groups = new ArrayList<>();
            List<InstanceRecord> instances = new ArrayList<>();
            for (GroupSpec group : specs) {
                // PROVISIONING until the runner has every instance registered with the master, then RUNNING
                InstanceGroupRecord record = new InstanceGroupRecord(ids.instanceGroup(), group, "PROVISIONING", Optional.empty(), now, Optional.empty(),
                        Optional.empty());
                groups.add(record);
                InstanceType type = instanceTypes.require(group.instanceType());
                for (int i = 0; i < group.count(); i++) {
                    instances.add(new InstanceRecord(ids.instance(), ids.ec2Instance(), record.id(), group.role(), group.market(), type.name(),
                            scale.cores(type), scale.memoryMb(type), "PROVISIONING", Optional.empty(), Optional.empty(), now, Optional.empty(),
                            Optional.empty()));
                }
            }
            change(clusterId, current -> {
                List<InstanceGroupRecord> nextGroups = new ArrayList<>(current.groups());
                nextGroups.addAll(groups);
                List<InstanceRecord> nextInstances = new ArrayList<>(current.instances());
                nextInstances.addAll(instances);
                return current.withGroups(nextGroups).withInstances(nextInstances);
            });
            return groups.stream().map(InstanceGroupRecord::id).toList();
        });
        wake(clusterId);
        return added;
    }

    /**
     * ModifyCluster: sets how many steps may run at once; the runner starts pending steps, in order, up to the new
     * level as soon as it next looks. Returns the level the cluster now has.
     */
    public int modifyCluster(String clusterId, Optional<Integer> stepConcurrencyLevel)
    {
        int level = clusters.locked(() -> {
            EmrCluster cluster = describe(clusterId);
            if (stepConcurrencyLevel.isEmpty()) {
                return cluster.stepConcurrencyLevel();
            }
            checkStepConcurrencyLevel(stepConcurrencyLevel.get());
            if (cluster.terminationUnderway()) {
                throw EmrysException.conflict("A job flow that is shutting down, terminated, or finished may not be modified.");
            }
            return change(clusterId, current -> current.withStepConcurrencyLevel(stepConcurrencyLevel.get())).stepConcurrencyLevel();
        });
        wake(clusterId);
        return level;
    }

    private static void checkStepConcurrencyLevel(int level)
    {
        if (level < 1 || level > MAX_ACTIVE_STEPS) {
            throw EmrysException.validation("The StepConcurrencyLevel %d is not valid: specify between 1 and %d.".formatted(level, MAX_ACTIVE_STEPS));
        }
    }

    /** As AWS documents: a cluster running steps concurrently takes only steps whose ActionOnFailure is CONTINUE. */
    private static void checkConcurrentActions(EmrCluster cluster, List<StepSpec> specs)
    {
        if (cluster.stepConcurrencyLevel() == 1) {
            return;
        }
        for (StepSpec step : specs) {
            if (!step.actionOnFailure().equals("CONTINUE")) {
                throw EmrysException.validation("The ActionOnFailure setting %s of step '%s' is not valid for a cluster with StepConcurrencyLevel %d: use CONTINUE."
                        .formatted(step.actionOnFailure(), step.name(), cluster.stepConcurrencyLevel()));
            }
        }
    }

    /** PutAutoTerminationPolicy: sets or replaces the cluster's policy; its idle time counts from now at the earliest. */
    public void putAutoTerminationPolicy(String clusterId, long idleTimeoutSeconds)
    {
        clusters.locked(() -> {
            EmrCluster cluster = describe(clusterId);
            AutoTerminationPolicy policy = AutoTerminationPolicy.of(idleTimeoutSeconds, clock.instant());
            if (cluster.terminationUnderway()) {
                throw EmrysException.validation("A job flow that is shutting down, terminated, or finished may not be modified.");
            }
            autoTermination.put(clusterId, policy);
            return null;
        });
        wake(clusterId);
    }

    public Optional<AutoTerminationPolicy> autoTerminationPolicy(String clusterId)
    {
        describe(clusterId);
        return autoTermination.find(clusterId);
    }

    /**
     * PutManagedScalingPolicy: sets or replaces the cluster's policy; the runner brings the CORE and TASK groups
     * within its limits as soon as it next looks.
     */
    public void putManagedScalingPolicy(String clusterId, ManagedScalingPolicy policy)
    {
        requireNonNull(policy, "policy is null");
        clusters.locked(() -> {
            EmrCluster cluster = describe(clusterId);
            policy.validated();
            if (cluster.terminationUnderway()) {
                throw EmrysException.validation("A job flow that is shutting down, terminated, or finished may not be modified.");
            }
            managedScaling.put(clusterId, policy);
            return null;
        });
        wake(clusterId);
    }

    public Optional<ManagedScalingPolicy> managedScalingPolicy(String clusterId)
    {
        describe(clusterId);
        return managedScaling.find(clusterId);
    }

    public void removeManagedScalingPolicy(String clusterId)
    {
        clusters.locked(() -> {
            describe(clusterId);
            managedScaling.remove(clusterId);
            return null;
        });
    }

    /**
     * The runner's managed scaling pass: when the cluster has a policy, no group is being resized and the cluster
     * is not ending, resizes its CORE and TASK groups as {@link ScalingDecision} decides, through the path
     * ModifyInstanceGroups takes: grown while steps are pending or running, shrunk to the minimum once it has
     * been idle for {@link #SCALE_IN_AFTER}. Returns whether it resized anything.
     *
     * @param idleSince when the cluster last became idle (WAITING with no step left), empty while it works
     */
    boolean scale(String clusterId, Optional<Instant> idleSince)
    {
        Optional<ManagedScalingPolicy> policy = managedScaling.find(clusterId);
        if (policy.isEmpty()) {
            return false;
        }
        return clusters.locked(() -> {
            EmrCluster cluster = describe(clusterId);
            boolean settling = cluster.groups().stream().anyMatch(group -> !group.state().equals("RUNNING") && !group.state().equals("TERMINATED"));
            if (cluster.terminationUnderway() || cluster.masterUrl().isEmpty() || settling) {
                return false;
            }
            Instant now = clock.instant();
            ScalingDecision.Demand demand;
            if (cluster.steps().stream().anyMatch(step -> !step.finished())) {
                demand = ScalingDecision.Demand.GROW;
            }
            else if (idleSince.isPresent() && !now.isBefore(idleSince.get().plus(SCALE_IN_AFTER))) {
                demand = ScalingDecision.Demand.SHRINK;
            }
            else {
                demand = ScalingDecision.Demand.HOLD;
            }
            Map<String, Integer> counts = ScalingDecision.counts(cluster, policy.get(), demand, type -> instanceTypes.require(type).vcpus());
            if (counts.isEmpty()) {
                return false;
            }
            log.info("Managed scaling resizes cluster {} ({}): {}", clusterId, demand, counts);
            change(clusterId, current -> resized(current, counts, now));
            return true;
        });
    }

    public void removeAutoTerminationPolicy(String clusterId)
    {
        clusters.locked(() -> {
            describe(clusterId);
            autoTermination.remove(clusterId);
            return null;
        });
    }

    /** Stops every runner and its processes; the clusters' records stay as they are (recovery ends them). */
    @Override
    public void close()
    {
        runners.values().forEach(ClusterRunner::shutdown);
        runners.values().forEach(ClusterRunner::awaitShutdown);
        runners.clear();
    }

    EmrCluster change(String clusterId, UnaryOperator<EmrCluster> decision)
    {
        return clusters.change(clusterId, decision);
    }

    Optional<AutoTerminationPolicy> policyOf(String clusterId)
    {
        return autoTermination.find(clusterId);
    }

    void finished(String clusterId)
    {
        runners.remove(clusterId);
    }

    private void wake(String clusterId)
    {
        ClusterRunner runner = runners.get(clusterId);
        if (runner != null) {
            runner.wake();
        }
    }

    private void settings(List<String> clusterIds, UnaryOperator<EmrCluster> decision)
    {
        clusters.locked(() -> {
            clusterIds.forEach(this::describe);
            clusterIds.forEach(id -> change(id, decision));
            return null;
        });
    }

    private SparkRuntime runtime(String releaseLabel)
    {
        return runtimes.runtime(releaseLabel);
    }

    private void checkGroups(List<GroupSpec> groups)
    {
        long masters = groups.stream().filter(group -> group.role().equals("MASTER")).count();
        if (masters != 1) {
            throw EmrysException.validation("A cluster needs exactly one MASTER instance group; the request has " + masters);
        }
        if (groups.stream().filter(group -> group.role().equals("CORE")).count() > 1) {
            throw EmrysException.validation("A cluster may have at most one CORE instance group");
        }
        for (GroupSpec group : groups) {
            instanceTypes.require(group.instanceType());
            if (group.role().equals("MASTER") && group.count() != 1) {
                throw EmrysException.validation("The MASTER instance group must have exactly one instance; it asks for " + group.count());
            }
            if (group.count() < 0) {
                throw EmrysException.validation("Instance count must not be negative: " + group.count());
            }
        }
    }

    private static void checkBootstrapActions(List<BootstrapAction> actions)
    {
        if (actions.size() > BootstrapAction.MAX_PER_CLUSTER) {
            throw EmrysException.validation("A cluster may have at most %d bootstrap actions; the request has %d.".formatted(BootstrapAction.MAX_PER_CLUSTER,
                    actions.size()));
        }
        for (BootstrapAction action : actions) {
            if (!action.path().startsWith("s3://") && !action.path().startsWith("s3a://")) {
                throw EmrysException.validation("The path %s of bootstrap action '%s' is not valid: this server runs bootstrap scripts from s3:// locations only"
                        .formatted(action.path(), action.name()));
            }
        }
    }

    private static void checkLogUri(String logUri)
    {
        if (!logUri.startsWith("s3://") && !logUri.startsWith("s3n://") && !logUri.startsWith("s3a://")) {
            throw EmrysException.validation("The log URI %s is not valid: it must be an s3:// location".formatted(logUri));
        }
    }

    private StepRecord newStep(StepSpec spec, Instant now)
    {
        return new StepRecord(ids.step(), spec, "PENDING", Optional.empty(), now, Optional.empty(), Optional.empty());
    }

    private String arn(String clusterId)
    {
        return "arn:aws:elasticmapreduce:%s:%s:cluster/%s".formatted(account.region(), account.accountId(), clusterId);
    }

    private Path clusterDir(String clusterId)
    {
        return root.resolve(clusterId);
    }

    private static String newestFirst(EmrCluster cluster)
    {
        return Page.newestFirstKey(cluster.created(), cluster.id());
    }

    static <T> Page<T> pageOf(List<T> sorted, java.util.function.Function<T, String> key, Optional<String> marker)
    {
        try {
            return Page.of(sorted, key, marker, Optional.empty());
        }
        catch (RuntimeException e) {
            if (e instanceof EmrysException) {
                throw e;
            }
            throw EmrysException.validation("The marker is not valid: " + marker.orElse(""));
        }
    }
}
