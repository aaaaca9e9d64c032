package io.emrys.compute.connect;

import io.emrys.common.ConnectSecret;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.driver.DriverPlanner;
import io.emrys.error.EmrysException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Turns a session's launch request into a driver plan that runs Spark's {@code SparkConnectServer}; a pure
 * function, unit-tested without starting anything.
 *
 * <p>Spark's {@code sbin/start-connect-server.sh} ends in {@code spark-submit --class SparkConnectServer}, and
 * Spark's launcher then passes the primary resource {@code spark-internal} for that class. We run SparkSubmit in
 * client mode the same way, through {@link DriverPlanner}, so a session driver gets exactly the settings a job
 * driver gets (master {@code local[cores]}, loopback binding, UI port, event logs, scratch folders, S3A). On top,
 * Emrys owns the gRPC binding: loopback only, on a port we chose, with no silent move to another port when it is
 * taken ({@code spark.connect.grpc.port.maxRetries=0}), since the gateway only knows the port we chose; and the
 * server refuses every call without the driver's secret ({@link ConnectAuthentication}), which only the gateway adds.
 */
public final class ConnectServerPlanner
{
    public static final String SERVER_CLASS = "org.apache.spark.sql.connect.service.SparkConnectServer";
    /** SparkSubmit's name for "the main class is in Spark itself; there is no application jar". */
    static final String SPARK_INTERNAL = "spark-internal";
    public static final String GRPC_BINDING_ADDRESS = "spark.connect.grpc.binding.address";
    public static final String GRPC_BINDING_PORT = "spark.connect.grpc.binding.port";
    /** Properties a session's configuration may not set, because Emrys decides where the server listens. */
    public static final List<String> RESERVED_PROPERTIES = List.of(GRPC_BINDING_ADDRESS, GRPC_BINDING_PORT, ConnectAuthentication.TOKEN);
    private static final String DEFAULT_APP_NAME = "Spark Connect server";

    private final DriverPlanner driverPlanner;

    public ConnectServerPlanner(DriverLauncherConfig config)
    {
        this.driverPlanner = new DriverPlanner(requireNonNull(config, "config is null"));
    }

    /** Throws VALIDATION naming the first reserved property that {@code configuration} sets. */
    public static void validate(SparkConfiguration configuration)
    {
        requireNonNull(configuration, "configuration is null");
        for (String key : configuration.sparkDefaults().keySet()) {
            if (RESERVED_PROPERTIES.contains(key.strip())) {
                throw EmrysException.validation(("Property '%s' in classification '%s' is reserved: Emrys sets the Spark Connect server's "
                        + "binding and authentication itself. Remove it from the session's runtimeConfiguration").formatted(key.strip(), SparkConfiguration.SPARK_DEFAULTS));
            }
        }
    }

    /** The job-driver request a Connect server stands for; its Emrys-owned settings override the user's. */
    public DriverLaunchRequest driverRequest(ConnectServerLaunchRequest request, int grpcPort, ConnectSecret secret)
    {
        requireNonNull(secret, "secret is null");
        validate(request.configuration());
        Map<String, String> defaults = new LinkedHashMap<>(request.configuration().sparkDefaults());
        defaults.putIfAbsent("spark.app.name", DEFAULT_APP_NAME);
        SparkConfiguration configuration = new SparkConfiguration(defaults, request.configuration().driverLog4j2(), request.configuration().executorLog4j2());

        Map<String, String> owned = new LinkedHashMap<>();
        owned.put(GRPC_BINDING_ADDRESS, DriverPlanner.LOOPBACK);
        owned.put(GRPC_BINDING_PORT, Integer.toString(grpcPort));
        owned.put("spark.connect.grpc.port.maxRetries", "0");
        owned.put("spark.ui.proxyBase", request.uiProxyBase());
        owned.putAll(ConnectAuthentication.properties(request.runtime(), secret, defaults));
        SparkSubmitParameters parameters = SparkSubmitParameters.ofClassAndConf(SERVER_CLASS, owned);
        DriverLaunchRequest driverRequest = new DriverLaunchRequest(request.sessionId(), request.runtime(), SPARK_INTERNAL, List.of(), parameters, configuration,
                request.workDir(), request.eventLogDir(), request.hadoopS3a());
        return request.executors().map(driverRequest::withExecutors).orElse(driverRequest);
    }

    /**
     * The driver plan for a request from {@link #driverRequest}. {@link DriverPlanner} takes every entry point
     * without a scheme for a local file, so its last argument (the absolute path of a file named
     * {@code spark-internal}) is put back to {@code spark-internal} and no file is checked before start.
     */
    public DriverPlan plan(DriverLaunchRequest driverRequest, int uiPort)
    {
        return plan(driverRequest, uiPort, List.of());
    }

    /** As {@link #plan(DriverLaunchRequest, int)}, with JVM options of our own first (before Spark's and the user's). */
    public DriverPlan plan(DriverLaunchRequest driverRequest, int uiPort, List<String> jvmOptions)
    {
        if (!SPARK_INTERNAL.equals(driverRequest.entryPoint()) || !driverRequest.entryPointArguments().isEmpty()) {
            throw new IllegalArgumentException("Not a Spark Connect server request: " + driverRequest.entryPoint());
        }
        DriverPlan base = driverPlanner.plan(driverRequest, uiPort);
        List<String> command = new ArrayList<>(base.javaCommand());
        String last = command.get(command.size() - 1);
        if (base.localEntryPoint().isEmpty() || !last.equals(base.localEntryPoint().get().toString())) {
            throw new IllegalStateException("DriverPlanner no longer ends the command with the entry point: " + last);
        }
        command.set(command.size() - 1, SPARK_INTERNAL);
        if (ConnectAuthentication.needsAgentInterceptor(driverRequest.runtime())) {
            withAgentJar(command, driverRequest.runtime().agentJar().toString());
        }
        command.addAll(1, jvmOptions);
        return new DriverPlan(base.workDir(), command, base.sparkProperties(), Optional.empty(), base.environment(),
                base.driverCores(), base.driverMemory(), base.uiPort());
    }

    /** Puts the agent jar (the Spark 3.5 line's secret interceptor) on the class path, unless it is there already. */
    private static void withAgentJar(List<String> command, String agentJar)
    {
        int classPath = command.lastIndexOf("-cp") + 1;
        if (classPath == 0 || classPath >= command.size()) {
            throw new IllegalStateException("DriverPlanner no longer passes -cp <class path>: " + command);
        }
        List<String> entries = List.of(command.get(classPath).split(":"));
        if (!entries.contains(agentJar)) {
            command.set(classPath, command.get(classPath) + ":" + agentJar);
        }
    }
}
