package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.common.DaemonThreads;
import io.emrys.common.OwnerOnlyFiles;
import io.emrys.compute.driver.LastErrorLine;
import io.emrys.compute.nodes.ClusterNodes;
import io.emrys.compute.nodes.NodeProcess;
import io.emrys.compute.nodes.StepLaunch;
import io.emrys.compute.runtime.SparkRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one cluster, on its own thread: starts the master and the workers (STARTING), runs the pending
 * steps in order, up to StepConcurrencyLevel at once, each step on a thread of its own (RUNNING), brings resized groups to their counts between and during steps, waits for more (WAITING) or ends the cluster when none are left and it is
 * not kept alive (or, kept alive, once it has been idle for its auto-termination policy's IdleTimeout), resizes the
 * CORE and TASK groups as its managed scaling policy asks (grown while steps wait or run, shrunk once idle), and on TerminateJobFlows or a failed step whose ActionOnFailure says so, stops every process
 * (TERMINATING) and ends TERMINATED or TERMINATED_WITH_ERRORS with the reason. Every change goes through the
 * service's committed view; the API's operations wake the thread.
 */
final class ClusterRunner
        implements Runnable
{
    private static final Logger log = LoggerFactory.getLogger(ClusterRunner.class);
    private static final Duration NODE_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(250);
    /** Reasons that end a cluster TERMINATED; every other one ends it TERMINATED_WITH_ERRORS. */
    private static final Set<String> CLEAN_ENDS = Set.of("USER_REQUEST", "ALL_STEPS_COMPLETED");

    private final String clusterId;
    private final SparkRuntime runtime;
    private final ClusterService service;
    private final ClusterNodes nodes;
    private final StepLogs logs;
    private final BootstrapScripts scripts;
    private final Supplier<Map<String, String>> hadoopS3a;
    private final Path clusterDir;
    private final Clock clock;
    private final Semaphore signal = new Semaphore(0);
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    /** Every live process by instance or step id; step threads add and remove their drivers, so it is synchronized. */
    private final Map<String, NodeProcess> processes = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    /** The steps running now, each on its own thread, by step id. */
    private final Map<String, CompletableFuture<Void>> running = new java.util.concurrent.ConcurrentHashMap<>();
    /** The first unexpected failure of a step's thread, which ends the cluster with INTERNAL_ERROR as one of the runner's would. */
    private final java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile boolean shuttingDown;
    private volatile Thread thread;

    ClusterRunner(String clusterId, SparkRuntime runtime, ClusterService service, ClusterNodes nodes, StepLogs logs, BootstrapScripts scripts,
            Supplier<Map<String, String>> hadoopS3a, Path clusterDir, Clock clock)
    {
        this.clusterId = requireNonNull(clusterId, "clusterId is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.service = requireNonNull(service, "service is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.hadoopS3a = requireNonNull(hadoopS3a, "hadoopS3a is null");
        this.clusterDir = requireNonNull(clusterDir, "clusterDir is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public void run()
    {
        thread = Thread.currentThread();
        try {
            Optional<StatusReason> end = startNodes();
            if (end.isEmpty()) {
                end = Optional.of(runSteps());
            }
            terminate(end.get());
        }
        catch (InterruptedException e) {
            // the server is closing: its processes go, the record stays for recovery to end
            stopProcesses();
        }
        catch (RuntimeException e) {
            log.warn("Cluster {} failed", clusterId, e);
            try {
                terminate(new StatusReason("INTERNAL_ERROR", "Emrys failed to run the cluster: " + e.getMessage()));
            }
            catch (InterruptedException interrupted) {
                stopProcesses();
            }
        }
        finally {
            service.finished(clusterId);
            done.complete(null);
        }
    }

    void wake()
    {
        signal.release();
    }

    void shutdown()
    {
        shuttingDown = true;
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    void awaitShutdown()
    {
        try {
            done.get(60, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException e) {
            log.warn("Cluster {} did not stop within a minute", clusterId);
        }
    }

    /**
     * The bootstrap actions on every instance, then the master (the workers need its URL), then every worker at
     * once; empty when all are RUNNING.
     */
    private Optional<StatusReason> startNodes()
            throws InterruptedException
    {
        EmrCluster cluster = current();
        createDirectories(clusterDir);
        // BOOTSTRAPPING: the bootstrap actions run on every instance before any of its processes starts, as on EMR
        Optional<StatusReason> bootstrapFailure = new BootstrapRun(clusterId, service, nodes, scripts, logs, clusterDir, clock).run(cluster, processes);
        if (bootstrapFailure.isPresent()) {
            return bootstrapFailure;
        }
        cluster = current();
        Path secret = nodes.writeClusterSecret(clusterDir);
        InstanceRecord master = cluster.instances().stream().filter(instance -> instance.role().equals("MASTER")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no master instance"));
        NodeProcess masterProcess = nodes.startMaster(runtime, nodeDir(master), secret);
        processes.put(master.id(), masterProcess);
        service.change(clusterId, current -> current.changeInstance(master.id(), instance -> instance.withState("BOOTSTRAPPING", masterProcess.pid())));
        String masterUrl;
        try {
            masterUrl = await(masterProcess.ready());
        }
        catch (ExecutionException | TimeoutException e) {
            return Optional.of(instanceFailure(master, e));
        }
        service.change(clusterId, current -> current.withMasterUrl(masterUrl)
                .changeInstance(master.id(), instance -> instance.running(clock.instant())));

        List<InstanceRecord> workers = new ArrayList<>(cluster.instances().stream().filter(instance -> !instance.role().equals("MASTER")).toList());
        Map<String, NodeProcess> started = new LinkedHashMap<>();
        if (workers.isEmpty()) {
            // a single-node cluster: the master instance also offers its cores and memory to executors, as EMR's
            // master runs the node manager when there are no core nodes
            NodeProcess worker = nodes.startWorker(runtime, nodeDir(master).resolve("worker"), secret, masterUrl, master.cores(), master.memoryMb());
            processes.put(master.id() + "/worker", worker);
            started.put(master.id(), worker);
        }
        for (InstanceRecord instance : workers) {
            NodeProcess worker = nodes.startWorker(runtime, nodeDir(instance), secret, masterUrl, instance.cores(), instance.memoryMb());
            processes.put(instance.id(), worker);
            started.put(instance.id(), worker);
            service.change(clusterId, current -> current.changeInstance(instance.id(), record -> record.withState("BOOTSTRAPPING", worker.pid())));
        }
        for (Map.Entry<String, NodeProcess> worker : started.entrySet()) {
            try {
                await(worker.getValue().ready());
            }
            catch (ExecutionException | TimeoutException e) {
                InstanceRecord failed = current().instances().stream().filter(instance -> instance.id().equals(worker.getKey())).findFirst().orElseThrow();
                return Optional.of(instanceFailure(failed, e));
            }
            if (!worker.getKey().equals(master.id())) {
                service.change(clusterId, current -> current.changeInstance(worker.getKey(), instance -> instance.running(clock.instant())));
            }
        }
        Instant now = clock.instant();
        // a group resized while the cluster started keeps RESIZING until resize() has started its new instances
        service.change(clusterId, current -> current.withGroups(current.groups().stream()
                .map(group -> group.state().equals("RESIZING") ? group : group.running(now)).toList()));
        return Optional.empty();
    }

    /**
     * Runs the pending steps in order, up to the cluster's StepConcurrencyLevel at once (each on a thread of its
     * own), until the cluster is to end; returns why it ends. This thread alone resizes groups and starts steps.
     */
    private StatusReason runSteps()
            throws InterruptedException
    {
        // when the cluster last became idle (no step pending or running), for its auto-termination policy
        Optional<Instant> idleSince = Optional.empty();
        while (true) {
            // the managed scaling policy's pass, decided from the cluster's record; resize() then applies it
            service.scale(clusterId, idleSince);
            resize();
            running.values().removeIf(CompletableFuture::isDone);
            RuntimeException stepFailure = failure.get();
            if (stepFailure != null) {
                throw stepFailure;
            }
            EmrCluster cluster = current();
            if (cluster.termination().isPresent()) {
                awaitSteps();
                return cluster.termination().get();
            }
            List<StepRecord> pending = cluster.steps().stream().filter(step -> step.pending() && !running.containsKey(step.id())).toList();
            for (StepRecord step : pending) {
                if (running.size() >= cluster.stepConcurrencyLevel()) {
                    break;
                }
                startStep(step);
            }
            if (!running.isEmpty()) {
                idleSince = Optional.empty();
                service.change(clusterId, current -> current.state().equals("RUNNING") ? current : current.withState("RUNNING", Optional.empty(), clock.instant()));
                signal.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                continue;
            }
            if (cluster.steps().stream().anyMatch(StepRecord::pending)) {
                continue;
            }
            if (!cluster.keepAlive()) {
                return new StatusReason("ALL_STEPS_COMPLETED", "Steps completed");
            }
            if (!cluster.state().equals("WAITING")) {
                service.change(clusterId, current -> current.withState("WAITING",
                        Optional.of(new StatusReason("ALL_STEPS_COMPLETED", "Cluster ready after last step completed.")), clock.instant()));
            }
            if (idleSince.isEmpty()) {
                idleSince = Optional.of(clock.instant());
            }
            Instant idleFrom = idleSince.get();
            if (service.policyOf(clusterId).map(policy -> policy.expired(idleFrom, clock.instant())).orElse(false)) {
                return AutoTerminationPolicy.REASON;
            }
            signal.tryAcquire(POLL.toMillis() * 4, TimeUnit.MILLISECONDS);
            signal.drainPermits();
        }
    }

    /** Marks {@code step} RUNNING and runs it on its own thread, unless it was cancelled meanwhile. */
    private void startStep(StepRecord step)
    {
        Instant started = clock.instant();
        EmrCluster cluster = service.change(clusterId, current -> current.changeStep(step.id(), pending -> pending.pending() ? pending.running(started) : pending));
        if (!cluster.step(step.id()).map(record -> record.state().equals("RUNNING")).orElse(false)) {
            return;
        }
        CompletableFuture<Void> finished = new CompletableFuture<>();
        running.put(step.id(), finished);
        DaemonThreads.named("emr-step-" + step.id()).newThread(() -> {
            try {
                runStep(step, cluster);
            }
            catch (InterruptedException e) {
                // the server is closing: the step's record stays for recovery to end
            }
            catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
            finally {
                finished.complete(null);
                wake();
            }
        }).start();
    }

    /** Waits for the running steps' threads, which stop their drivers once they see the cluster is to end. */
    private void awaitSteps()
            throws InterruptedException
    {
        for (CompletableFuture<Void> step : List.copyOf(running.values())) {
            try {
                step.get(STOP_GRACE.toMillis() * 3, TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException | TimeoutException e) {
                log.warn("A step of cluster {} did not stop in time", clusterId);
            }
        }
        running.clear();
    }

    private void runStep(StepRecord step, EmrCluster cluster)
            throws InterruptedException
    {
        Path stepDir = clusterDir.resolve("steps").resolve(step.id());
        createDirectories(stepDir);
        Optional<List<String>> arguments = submitArguments(step.spec());
        String finalState;
        Optional<StepRecord.FailureDetails> failure = Optional.empty();
        if (arguments.isEmpty()) {
            writeQuietly(stepDir.resolve("stderr"), unsupported(step.spec()) + "\n");
            finalState = "FAILED";
            failure = Optional.of(new StepRecord.FailureDetails(unsupported(step.spec()), "Step failed before it started.", Optional.empty()));
        }
        else {
            List<InstanceRecord> workers = cluster.instances().stream().filter(instance -> !instance.role().equals("MASTER")).toList();
            List<InstanceRecord> offering = workers.isEmpty() ? cluster.instances() : workers;
            int executorCores = offering.stream().mapToInt(InstanceRecord::cores).min().orElse(1);
            long executorMemory = offering.stream().mapToLong(InstanceRecord::memoryMb).min().orElse(512);
            StepSettings settings = StepSettings.of(cluster.spec(), clusterDir);
            NodeProcess driver = nodes.submitStep(new StepLaunch(runtime, stepDir, clusterDir.resolve("spark-auth.properties"), cluster.masterUrl().orElseThrow(),
                    arguments.get(), settings.sparkDefaults(), hadoopS3a.get(), executorCores, executorMemory, settings.environment(),
                    settings.driverSystemProperties()));
            processes.put(step.id(), driver);
            boolean cancelled = false;
            try {
                while (!driver.onExit().isDone()) {
                    EmrCluster now = current();
                    if (now.termination().isPresent() || now.step(step.id()).map(record -> record.state().equals("CANCEL_PENDING")).orElse(false)) {
                        cancelled = true;
                        driver.stop(STOP_GRACE);
                        break;
                    }
                    signal.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            finally {
                if (driver.isAlive()) {
                    driver.stop(STOP_GRACE);
                }
                processes.remove(step.id());
            }
            int exit = driver.onExit().join();
            if (cancelled) {
                finalState = "CANCELLED";
            }
            else if (exit == 0) {
                finalState = "COMPLETED";
            }
            else {
                finalState = "FAILED";
                String reason = LastErrorLine.find(stepDir.resolve("stdout"), stepDir.resolve("stderr")).orElse("Unknown Error.");
                failure = Optional.of(new StepRecord.FailureDetails(reason, "Step failed with exit code %d.".formatted(exit),
                        cluster.spec().logUri().map(uri -> stepLogUri(uri, step.id(), "stderr.gz"))));
            }
        }
        if (shuttingDown) {
            // the driver was stopped with the server: its record stays for recovery to end
            return;
        }
        publishLogs(cluster, step.id(), stepDir);
        String decided = finalState;
        Optional<StepRecord.FailureDetails> details = failure;
        Instant ended = clock.instant();
        service.change(clusterId, current -> {
            EmrCluster next = current.changeStep(step.id(), running -> running.ended(decided, details, ended));
            if (!decided.equals("FAILED")) {
                return next;
            }
            if (current.stepConcurrencyLevel() > 1) {
                // as AWS documents for concurrent steps: a failed step neither cancels the others nor ends the cluster
                return next;
            }
            return switch (step.spec().actionOnFailure()) {
                case "TERMINATE_CLUSTER", "TERMINATE_JOB_FLOW" -> next.cancelPendingSteps(ended).withTermination(new StatusReason("STEP_FAILURE",
                        "Shut down as step failed"));
                case "CANCEL_AND_WAIT" -> next.cancelPendingSteps(ended);
                default -> next;
            };
        });
    }

    /**
     * Brings each resized group to its requested count: starts a worker for each new (PROVISIONING) instance, marks
     * it RUNNING once registered with the master, and stops the newest live instances beyond the count.
     */
    private void resize()
            throws InterruptedException
    {
        EmrCluster cluster = current();
        if (cluster.masterUrl().isEmpty() || cluster.groups().stream().noneMatch(ClusterRunner::settling)) {
            return;
        }
        Path secret = clusterDir.resolve("spark-auth.properties");
        for (InstanceGroupRecord group : cluster.groups()) {
            if (!settling(group)) {
                continue;
            }
            List<InstanceRecord> live = cluster.instances().stream().filter(instance -> instance.groupId().equals(group.id()) && !instance.terminated()).toList();
            for (int i = group.spec().count(); i < live.size(); i++) {
                InstanceRecord excess = live.get(live.size() - 1 - (i - group.spec().count()));
                NodeProcess process = processes.remove(excess.id());
                if (process != null) {
                    process.stop(STOP_GRACE);
                }
                Instant now = clock.instant();
                service.change(clusterId, current -> current.changeInstance(excess.id(), instance -> instance.terminated(
                        new StatusReason("", "Terminated as its instance group was resized"), now)));
            }
            for (InstanceRecord instance : live) {
                NodeProcess process = processes.get(instance.id());
                if (instance.state().equals("PROVISIONING") && process == null) {
                    NodeProcess worker = nodes.startWorker(runtime, nodeDir(instance), secret, cluster.masterUrl().get(), instance.cores(), instance.memoryMb());
                    processes.put(instance.id(), worker);
                    service.change(clusterId, current -> current.changeInstance(instance.id(), record -> record.withState("BOOTSTRAPPING", worker.pid())));
                }
                else if (instance.state().equals("BOOTSTRAPPING") && process != null && process.ready().isDone()) {
                    Instant now = clock.instant();
                    if (process.ready().isCompletedExceptionally()) {
                        processes.remove(instance.id());
                        service.change(clusterId, current -> current.changeInstance(instance.id(), record -> record.terminated(
                                new StatusReason("INSTANCE_FAILURE", "The worker ended before it registered with the master"), now)));
                    }
                    else {
                        service.change(clusterId, current -> current.changeInstance(instance.id(), record -> record.running(now)));
                    }
                }
            }
        }
        Instant now = clock.instant();
        service.change(clusterId, current -> current.withGroups(current.groups().stream().map(group -> {
            if (!settling(group)) {
                return group;
            }
            List<InstanceRecord> live = current.instances().stream().filter(instance -> instance.groupId().equals(group.id()) && !instance.terminated()).toList();
            boolean settled = live.size() == group.spec().count() && live.stream().allMatch(instance -> instance.state().equals("RUNNING"));
            if (settled) {
                return group.running(now);
            }
            // an added group shows BOOTSTRAPPING once its workers are starting, as AWS's groups do
            boolean starting = group.state().equals("PROVISIONING") && live.stream().anyMatch(instance -> !instance.state().equals("PROVISIONING"));
            return starting ? group.withState("BOOTSTRAPPING") : group;
        }).toList()));
    }

    /**
     * A group the runner is bringing to its count: resized (RESIZING), or added by AddInstanceGroups to a running
     * cluster (PROVISIONING, then BOOTSTRAPPING); RunJobFlow's own groups are RUNNING before this is first asked.
     */
    private static boolean settling(InstanceGroupRecord group)
    {
        return group.state().equals("RESIZING") || group.state().equals("PROVISIONING") || group.state().equals("BOOTSTRAPPING");
    }

    /** {@code spark-submit}'s arguments for a step, or empty for a command Emrys cannot run. */
    static Optional<List<String>> submitArguments(StepSpec step)
    {
        if (step.jar().equals(StepSpec.COMMAND_RUNNER) || step.jar().endsWith("/" + StepSpec.COMMAND_RUNNER)) {
            if (step.args().isEmpty() || !step.args().get(0).equals("spark-submit")) {
                return Optional.empty();
            }
            return Optional.of(step.args().subList(1, step.args().size()));
        }
        List<String> arguments = new ArrayList<>();
        step.mainClass().ifPresent(mainClass -> {
            arguments.add("--class");
            arguments.add(mainClass);
        });
        arguments.add(step.jar());
        arguments.addAll(step.args());
        return Optional.of(arguments);
    }

    private static String unsupported(StepSpec step)
    {
        return "command-runner.jar on Emrys runs spark-submit only; this step asks for: " + String.join(" ", step.args());
    }

    private void publishLogs(EmrCluster cluster, String stepId, Path stepDir)
    {
        try {
            Path stdout = gzip(stepDir.resolve("stdout"), stepDir.resolve("stdout.gz"));
            Path stderr = gzip(stepDir.resolve("stderr"), stepDir.resolve("stderr.gz"));
            if (cluster.spec().logUri().isPresent()) {
                String logUri = cluster.spec().logUri().get();
                logs.upload(stdout, stepLogUri(logUri, stepId, "stdout.gz"));
                logs.upload(stderr, stepLogUri(logUri, stepId, "stderr.gz"));
            }
        }
        catch (IOException | RuntimeException e) {
            log.warn("Could not publish the logs of step {} of cluster {}", stepId, clusterId, e);
        }
    }

    /** EMR's layout: {@code <LogUri>/<clusterId>/steps/<stepId>/<file>}, with s3n:// and s3a:// written as s3://. */
    String stepLogUri(String logUri, String stepId, String file)
    {
        String base = logUri.replaceFirst("^s3[an]://", "s3://");
        return (base.endsWith("/") ? base : base + "/") + clusterId + "/steps/" + stepId + "/" + file;
    }

    /** TERMINATING, every process stopped, then TERMINATED or TERMINATED_WITH_ERRORS with {@code why}. */
    private void terminate(StatusReason why)
            throws InterruptedException
    {
        Instant now = clock.instant();
        service.change(clusterId, current -> current.cancelPendingSteps(now).withState("TERMINATING", Optional.of(why), now));
        stopProcesses();
        Instant ended = clock.instant();
        service.change(clusterId, current -> ended(current, why, ended));
    }

    /** The cluster ended with {@code why}: its instances and groups terminated, running steps cancelled. */
    static EmrCluster ended(EmrCluster cluster, StatusReason why, Instant now)
    {
        StatusReason instanceReason = new StatusReason("CLUSTER_TERMINATED", "Instance group terminated as the cluster was terminated");
        EmrCluster next = cluster
                .withSteps(cluster.steps().stream().map(step -> step.finished() ? step : step.ended("CANCELLED", Optional.empty(), now)).toList())
                .withInstances(cluster.instances().stream().map(instance -> instance.terminated() ? instance
                        : instance.terminated(instance.reason().orElse(instanceReason), now)).toList())
                .withGroups(cluster.groups().stream().map(group -> group.ended(instanceReason, now)).toList());
        return next.withState(CLEAN_ENDS.contains(why.code()) ? "TERMINATED" : "TERMINATED_WITH_ERRORS", Optional.of(why), now);
    }

    private StatusReason instanceFailure(InstanceRecord instance, Exception failure)
    {
        String detail = LastErrorLine.find(nodeDir(instance).resolve("stderr")).orElse(String.valueOf(failure.getMessage()));
        Instant now = clock.instant();
        StatusReason reason = new StatusReason("INSTANCE_FAILURE", "Instance %s (%s) failed to start: %s".formatted(instance.id(), instance.role(), detail));
        service.change(clusterId, current -> current.changeInstance(instance.id(), record -> record.terminated(
                new StatusReason("INSTANCE_FAILURE", reason.message()), now)));
        return reason;
    }

    /** Step drivers first, then the workers, the master last. */
    private void stopProcesses()
    {
        List<NodeProcess> order;
        synchronized (processes) {
            order = new ArrayList<>(processes.values());
        }
        java.util.Collections.reverse(order);
        for (NodeProcess process : order) {
            try {
                process.stop(STOP_GRACE);
            }
            catch (RuntimeException e) {
                log.warn("Could not stop {}", process, e);
            }
        }
        processes.clear();
    }

    private String await(CompletableFuture<String> ready)
            throws InterruptedException, ExecutionException, TimeoutException
    {
        return ready.get(NODE_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private EmrCluster current()
            throws InterruptedException
    {
        if (shuttingDown || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the server is closing");
        }
        return service.describe(clusterId);
    }

    private Path nodeDir(InstanceRecord instance)
    {
        return clusterDir.resolve("nodes").resolve(instance.id());
    }

    static Path gzip(Path source, Path archive)
            throws IOException
    {
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try (OutputStream output = new GZIPOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
            if (Files.exists(source)) {
                try (InputStream input = Files.newInputStream(source)) {
                    input.transferTo(output);
                }
            }
        }
        return Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void createDirectories(Path directory)
    {
        try {
            OwnerOnlyFiles.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Could not create " + directory, e);
        }
    }

    private static void writeQuietly(Path file, String text)
    {
        try {
            Files.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
