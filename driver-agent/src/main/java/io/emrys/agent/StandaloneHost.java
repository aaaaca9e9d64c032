package io.emrys.agent;

import org.apache.spark.SparkConf;
import org.apache.spark.deploy.DeployMessages;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.deploy.master.WorkerInfo;
import org.apache.spark.deploy.worker.Worker;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import scala.Option;
import scala.Tuple3;
import scala.reflect.ClassTag$;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * One JVM running a Spark standalone master and one worker on 127.0.0.1, as Spark's own
 * {@code LocalSparkCluster} does, but with the worker launching executors as separate JVMs
 * ({@code CoarseGrainedExecutorBackend}) from {@code SPARK_HOME}. Once the worker has registered, the master's URL
 * is written atomically to {@code <work-dir>/standalone-ready.json}; the control plane waits for that file.
 *
 * <p>Stopping: SIGTERM runs a shutdown hook that kills the executor JVMs (the host's only child processes) and then
 * stops the worker and the master. Spark's own hooks try the same for executors, but race the JVM's exit.
 *
 * <p>Binding: the RPC endpoints bind to the host given here; Spark's web UIs bind to {@code SPARK_LOCAL_IP}, which
 * must therefore be 127.0.0.1 in the environment (executors inherit it too).
 */
public final class StandaloneHost
{
    static final String LOOPBACK = "127.0.0.1";
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration EXECUTOR_KILL_GRACE = Duration.ofSeconds(5);

    private final StandaloneHostArguments arguments;
    private final RpcEnv masterEnv;
    private final int masterWebUiPort;
    private final RpcEnv workerEnv;

    private StandaloneHost(StandaloneHostArguments arguments, RpcEnv masterEnv, int masterWebUiPort, RpcEnv workerEnv)
    {
        this.arguments = requireNonNull(arguments, "arguments is null");
        this.masterEnv = requireNonNull(masterEnv, "masterEnv is null");
        this.masterWebUiPort = masterWebUiPort;
        this.workerEnv = requireNonNull(workerEnv, "workerEnv is null");
    }

    public static void main(String[] args)
    {
        try {
            run(StandaloneHostArguments.parse(args));
        }
        catch (Throwable e) {
            // Spark's RPC threads are not daemons: without an explicit exit a failed start would hang here.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(StandaloneHostArguments arguments)
            throws IOException, InterruptedException
    {
        requireEnvironment("SPARK_LOCAL_IP", "must be " + LOOPBACK + " so that Spark's web UIs bind to loopback only");
        if (!LOOPBACK.equals(System.getenv("SPARK_LOCAL_IP"))) {
            throw new IllegalStateException("SPARK_LOCAL_IP must be " + LOOPBACK + " so that Spark's web UIs bind to loopback only; it is "
                    + System.getenv("SPARK_LOCAL_IP"));
        }
        requireEnvironment("SPARK_HOME", "must name the runtime folder: the worker starts executors from its jars/");
        requireEnvironment("SPARK_SCALA_VERSION", "must be set (2.13): Spark's launcher library refuses to build executor commands without it");
        StandaloneHost host = start(arguments);
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "emrys-standalone-host-stop"));
        host.awaitWorkerRegistered();
        host.writeReadyFile();
        System.out.println("Standalone host ready: " + host.masterUrl());
        host.masterEnv.awaitTermination();
    }

    private static void requireEnvironment(String name, String why)
    {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set; it " + why);
        }
    }

    static StandaloneHost start(StandaloneHostArguments arguments)
            throws IOException
    {
        Files.createDirectories(arguments.workerDir());
        Files.deleteIfExists(arguments.readyFile());
        String secret = Files.readString(arguments.authSecretFile(), StandardCharsets.US_ASCII).strip();
        if (secret.isEmpty()) {
            throw new IllegalStateException("The secret file " + arguments.authSecretFile() + " is empty");
        }
        SparkConf conf = new SparkConf()
                // Nobody submits drivers in cluster mode here; no REST port is opened.
                .set("spark.master.rest.enabled", "false")
                // Only peers that know the host's secret (its drivers, and their executors, which the worker hands it
                // through their environment) may register, submit or fetch: anyone else on the host is refused.
                .set("spark.authenticate", "true")
                .set("spark.authenticate.secret", secret)
                // RPC encrypted with keys derived from that secret; the drivers placed here set the same
                .set("spark.network.crypto.enabled", "true");
        Tuple3<RpcEnv, Object, Option<Object>> master = Master.startRpcEnvAndEndpoint(LOOPBACK, 0, 0, conf);
        RpcEnv masterEnv = master._1();
        int webUiPort = (Integer) master._2();
        String masterUrl = "spark://" + LOOPBACK + ":" + masterEnv.address().port();
        RpcEnv workerEnv = Worker.startRpcEnvAndEndpoint(LOOPBACK, 0, 0, arguments.cores(), arguments.memoryMb(), new String[] {masterUrl},
                arguments.workerDir().toString(), Option.empty(), conf, Option.empty());
        return new StandaloneHost(arguments, masterEnv, webUiPort, workerEnv);
    }

    String masterUrl()
    {
        return "spark://" + LOOPBACK + ":" + masterEnv.address().port();
    }

    /** Asks the master for its state until the worker shows as alive: before that, applications get no executors. */
    void awaitWorkerRegistered()
            throws InterruptedException
    {
        RpcEndpointRef master = masterEnv.setupEndpointRef(masterEnv.address(), Master.ENDPOINT_NAME());
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            DeployMessages.MasterStateResponse state = master.askSync(DeployMessages.RequestMasterState$.MODULE$,
                    ClassTag$.MODULE$.apply(DeployMessages.MasterStateResponse.class));
            if (Arrays.stream(state.workers()).anyMatch(WorkerInfo::isAlive)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("The worker did not register with the master within " + REGISTRATION_TIMEOUT);
    }

    /** Written to a temporary file and renamed, so a reader never sees half of it. */
    void writeReadyFile()
            throws IOException
    {
        String json = new JsonLine().field("masterUrl", masterUrl()).field("masterWebUiPort", masterWebUiPort).toLine();
        Path temporary = arguments.readyFile().resolveSibling(arguments.readyFile().getFileName() + ".tmp");
        Files.writeString(temporary, json, StandardCharsets.UTF_8);
        Files.move(temporary, arguments.readyFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    void stop()
    {
        killExecutors();
        workerEnv.shutdown();
        masterEnv.shutdown();
        workerEnv.awaitTermination();
        masterEnv.awaitTermination();
    }

    /** SIGTERM to every executor JVM (child processes), then SIGKILL to those still alive after a grace period. */
    private static void killExecutors()
    {
        List<ProcessHandle> executors = ProcessHandle.current().descendants().collect(Collectors.toList());
        executors.forEach(ProcessHandle::destroy);
        for (ProcessHandle executor : executors) {
            try {
                executor.onExit().get(EXECUTOR_KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException | ExecutionException e) {
                executor.destroyForcibly();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.destroyForcibly();
            }
        }
    }
}
