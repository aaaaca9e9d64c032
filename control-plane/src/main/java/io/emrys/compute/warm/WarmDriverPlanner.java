package io.emrys.compute.warm;

import io.emrys.common.ConnectSecret;
import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.connect.ConnectAuthentication;
import io.emrys.compute.connect.ConnectServerPlanner;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.driver.DriverPlanner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Turns a launch request into the plan of a pre-initialized (warm) driver; a pure function, unit-tested without
 * starting anything.
 *
 * <p>The plan starts from {@link DriverPlanner}'s cold plan, so a warm driver gets exactly the properties and JVM
 * options a cold one would (master, loopback binding, UI port, event logs, scratch folders, S3A, heap, module
 * options, the user's Java options). Only the end of the command changes: instead of SparkSubmit with an entry
 * point, the JVM runs the driver agent's {@code io.emrys.agent.WarmDriver} on the properties file, with the agent
 * jar appended to the class path. The entry point, main class and arguments of the request are not used: the
 * job arrives later, in the assignment ({@link WarmDriver#runJob}).
 *
 * <p>Every warm driver also gets a loopback Spark Connect binding chosen now, so that the same driver can serve a
 * session: Spark Connect reads its binding from the SparkContext's configuration, which is fixed once the context
 * is up. For the same reason the driver's Connect secret ({@link ConnectAuthentication}) is chosen now, per driver,
 * before any session exists: the session that later takes the driver is reached with it.
 */
public final class WarmDriverPlanner
{
    public static final String MAIN_CLASS = "io.emrys.agent.WarmDriver";
    static final String DEFAULT_APP_NAME = "Emrys warm driver";
    /** The agent's flag for {@link WarmDriverWarmUp#SPARK_SQL_AND_CONNECT}; a flag, so the Spark properties stay alike. */
    static final String WARM_UP_CONNECT = "--warm-up-connect";
    /** The properties this planner sets on every warm driver and that no job or session chooses. */
    public static final Set<String> OWNED_PROPERTIES = Set.of(
            ConnectServerPlanner.GRPC_BINDING_ADDRESS,
            ConnectServerPlanner.GRPC_BINDING_PORT,
            "spark.connect.grpc.port.maxRetries",
            ConnectAuthentication.TOKEN,
            ConnectAuthentication.INTERCEPTOR_CLASSES);

    private final DriverPlanner driverPlanner;

    public WarmDriverPlanner(DriverLauncherConfig config)
    {
        this.driverPlanner = new DriverPlanner(requireNonNull(config, "config is null"));
    }

    /**
     * The warm driver's plan for {@code request}. Throws VALIDATION for bad settings as {@link DriverPlanner}
     * does.
     */
    public DriverPlan plan(DriverLaunchRequest request, int uiPort, int grpcPort, ConnectSecret secret)
    {
        return plan(request, uiPort, grpcPort, secret, WarmDriverWarmUp.SPARK_SQL);
    }

    /** As {@link #plan(DriverLaunchRequest, int, int, ConnectSecret)}, with the warm-up to run before the driver reports ready. */
    public DriverPlan plan(DriverLaunchRequest request, int uiPort, int grpcPort, ConnectSecret secret, WarmDriverWarmUp warmUp)
    {
        requireNonNull(request, "request is null");
        requireNonNull(secret, "secret is null");
        requireNonNull(warmUp, "warmUp is null");
        DriverPlan cold = driverPlanner.plan(request, uiPort);
        List<String> coldCommand = cold.javaCommand();
        // The cold command ends: -cp <class path> SparkSubmit --properties-file <file> [--class X] <entry point> [args].
        // The user's Java options come before -cp and may contain anything, so find SparkSubmit from the end.
        int submit = coldCommand.lastIndexOf(SparkJavaOptions.SPARK_SUBMIT_CLASS);
        if (submit < 2 || !"-cp".equals(coldCommand.get(submit - 2))) {
            throw new IllegalStateException("DriverPlanner no longer ends the command with -cp <class path> SparkSubmit: " + coldCommand);
        }
        List<String> command = new ArrayList<>(coldCommand.subList(0, submit));
        command.set(submit - 1, coldCommand.get(submit - 1) + ":" + request.runtime().agentJar());
        command.add(MAIN_CLASS);
        command.add(cold.workDir().sparkProperties().toString());
        switch (warmUp) {
            case SPARK_SQL -> { }
            case SPARK_SQL_AND_CONNECT -> command.add(WARM_UP_CONNECT);
        }

        Map<String, String> properties = new LinkedHashMap<>(cold.sparkProperties());
        // SparkSubmit names an application after its main class; a warm driver has none yet.
        properties.putIfAbsent("spark.app.name", DEFAULT_APP_NAME);
        properties.put(ConnectServerPlanner.GRPC_BINDING_ADDRESS, DriverPlanner.LOOPBACK);
        properties.put(ConnectServerPlanner.GRPC_BINDING_PORT, Integer.toString(grpcPort));
        // The control plane only knows the port it chose; a server that moved to another port would be lost.
        properties.put("spark.connect.grpc.port.maxRetries", "0");
        properties.putAll(ConnectAuthentication.properties(request.runtime(), secret, properties));
        return new DriverPlan(cold.workDir(), command, properties, Optional.empty(), cold.environment(),
                cold.driverCores(), cold.driverMemory(), cold.uiPort());
    }
}
