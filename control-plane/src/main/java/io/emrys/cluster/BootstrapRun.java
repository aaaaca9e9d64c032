package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import io.emrys.common.OwnerOnlyFiles;
import io.emrys.compute.nodes.ClusterNodes;
import io.emrys.compute.nodes.NodeProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's BOOTSTRAPPING: downloads each bootstrap action's script from the object store once, then runs them,
 * in order, on each instance (the master first), each with {@code bash} in the instance's folder. Their output goes
 * to {@code <LogUri>/<clusterId>/node/<ec2InstanceId>/bootstrap-actions/<n>/stdout.gz} and {@code stderr.gz}, as
 * EMR lays it out. The first script that fails or times out ends the bootstrap with EMR's BOOTSTRAP_FAILURE
 * reason. Instances run one after another, not in parallel as on EMR: this machine hosts them all anyway.
 */
final class BootstrapRun
{
    private static final Logger log = LoggerFactory.getLogger(BootstrapRun.class);
    /** How long one script may run on one instance before it counts as failed. */
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final String clusterId;
    private final ClusterService service;
    private final ClusterNodes nodes;
    private final BootstrapScripts scripts;
    private final StepLogs logs;
    private final Path clusterDir;
    private final Clock clock;

    BootstrapRun(String clusterId, ClusterService service, ClusterNodes nodes, BootstrapScripts scripts, StepLogs logs, Path clusterDir, Clock clock)
    {
        this.clusterId = requireNonNull(clusterId, "clusterId is null");
        this.service = requireNonNull(service, "service is null");
        this.nodes = requireNonNull(nodes, "nodes is null");
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.logs = requireNonNull(logs, "logs is null");
        this.clusterDir = requireNonNull(clusterDir, "clusterDir is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs every bootstrap action on every instance; empty when all returned 0 (or there are none), else why the
     * cluster ends. A running script is kept in {@code live} so that the runner's shutdown stops it.
     */
    Optional<StatusReason> run(EmrCluster cluster, Map<String, NodeProcess> live)
            throws InterruptedException
    {
        List<BootstrapAction> actions = cluster.spec().bootstrapActions();
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        service.change(clusterId, current -> current.withState("BOOTSTRAPPING", Optional.empty(), clock.instant()));
        List<InstanceRecord> instances = cluster.instances().stream()
                .sorted(Comparator.comparing(instance -> !instance.role().equals("MASTER")))
                .toList();
        InstanceRecord master = instances.get(0);
        List<Path> downloaded = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            BootstrapAction action = actions.get(i);
            String path = action.path();
            Path script = clusterDir.resolve("bootstrap-actions").resolve(Integer.toString(i + 1)).resolve(path.substring(path.lastIndexOf('/') + 1));
            try {
                OwnerOnlyFiles.createDirectories(script.getParent());
                Files.deleteIfExists(script);
                scripts.download(path, script);
                // the parent is owner-only already; the script itself is made so too, as every data-folder file is
                OwnerOnlyFiles.privateFile(script);
            }
            catch (IOException | RuntimeException e) {
                log.info("Cluster {} could not download bootstrap action {} from {}", clusterId, i + 1, path, e);
                return Optional.of(failed(master, "Master instance (%s) failed attempting to download bootstrap action %d file from S3"
                        .formatted(master.ec2InstanceId(), i + 1)));
            }
            downloaded.add(script);
        }
        for (InstanceRecord instance : instances) {
            Path nodeDir = clusterDir.resolve("nodes").resolve(instance.id());
            for (int i = 0; i < actions.size(); i++) {
                int number = i + 1;
                Path logDir = nodeDir.resolve("bootstrap-actions").resolve(Integer.toString(number));
                NodeProcess process = nodes.runScript(nodeDir, logDir, downloaded.get(i), actions.get(i).args());
                String key = instance.id() + "/bootstrap-action";
                live.put(key, process);
                service.change(clusterId, current -> current.changeInstance(instance.id(), record -> record.withState("BOOTSTRAPPING", process.pid())));
                Optional<String> failure;
                try {
                    int exit = process.onExit().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    failure = exit == 0 ? Optional.empty() : Optional.of("returned a non-zero return code");
                }
                catch (TimeoutException e) {
                    process.stop(STOP_GRACE);
                    failure = Optional.of("timed out after %d minutes".formatted(TIMEOUT.toMinutes()));
                }
                catch (ExecutionException e) {
                    failure = Optional.of("could not be run");
                }
                finally {
                    live.remove(key);
                }
                publish(cluster, instance, number, logDir);
                if (failure.isPresent()) {
                    String where = instance.role().equals("MASTER") ? "the master instance" : "1 %s instance".formatted(instance.role().toLowerCase(Locale.ROOT));
                    return Optional.of(failed(instance, "On %s (%s), bootstrap action %d %s".formatted(where, instance.ec2InstanceId(), number, failure.get())));
                }
            }
        }
        return Optional.empty();
    }

    private StatusReason failed(InstanceRecord instance, String message)
    {
        StatusReason reason = new StatusReason("BOOTSTRAP_FAILURE", message);
        service.change(clusterId, current -> current.changeInstance(instance.id(), record -> record.terminated(reason, clock.instant())));
        return reason;
    }

    private void publish(EmrCluster cluster, InstanceRecord instance, int number, Path logDir)
    {
        try {
            Path stdout = ClusterRunner.gzip(logDir.resolve("stdout"), logDir.resolve("stdout.gz"));
            Path stderr = ClusterRunner.gzip(logDir.resolve("stderr"), logDir.resolve("stderr.gz"));
            if (cluster.spec().logUri().isPresent()) {
                String base = cluster.spec().logUri().get().replaceFirst("^s3[an]://", "s3://");
                String folder = (base.endsWith("/") ? base : base + "/") + clusterId + "/node/" + instance.ec2InstanceId() + "/bootstrap-actions/" + number + "/";
                logs.upload(stdout, folder + "stdout.gz");
                logs.upload(stderr, folder + "stderr.gz");
            }
        }
        catch (IOException | RuntimeException e) {
            log.warn("Could not publish the logs of bootstrap action {} on instance {} of cluster {}", number, instance.id(), clusterId, e);
        }
    }
}
