package io.emrys.compute.connect;

import io.emrys.common.ConnectSecret;
import io.emrys.testing.TestingRuntimes;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkJavaOptions;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.runtime.SparkRuntime;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(10)
class ConnectServerPlannerTest
{
    private static final Path JAVA = Path.of("/opt/jdk/bin/java");
    private static final SparkRuntime RUNTIME = TestingRuntimes.emrSpark80(Path.of("/opt/emrys/runtimes/spark-4.0.1"));
    private static final Path WORK_DIR = Path.of("/data/sessions/00sess");

    private static final ConnectSecret SECRET = ConnectSecret.random();

    private final ConnectServerPlanner planner = new ConnectServerPlanner(new DriverLauncherConfig(JAVA, 4, new MemorySize(14 * 1024), 20, Duration.ofMillis(250)));

    @Test
    void runsSparkConnectServerThroughSparkSubmitWithSparkInternalAsTheResource()
    {
        DriverPlan plan = plan(SparkConfiguration.EMPTY, 41001, 41002);
        List<String> command = plan.javaCommand();

        assertThat(command.get(0)).isEqualTo(JAVA.toString());
        assertThat(command).containsSubsequence(SparkJavaOptions.MODULE_OPTIONS);
        assertThat(command.subList(command.indexOf("org.apache.spark.deploy.SparkSubmit"), command.size())).containsExactly(
                "org.apache.spark.deploy.SparkSubmit", "--properties-file", WORK_DIR.resolve("spark.properties").toString(),
                "--class", "org.apache.spark.sql.connect.service.SparkConnectServer", "spark-internal");
        // Nothing for the wrapper to check on disk before the JVM starts.
        assertThat(plan.localEntryPoint()).isEmpty();
        assertThat(plan.uiPort()).isEqualTo(41002);
        assertThat(plan.environment()).containsEntry("SPARK_LOCAL_IP", "127.0.0.1");
    }

    @Test
    void bindsGrpcAndEverythingElseToLoopbackOnOurPorts()
    {
        Map<String, String> properties = plan(SparkConfiguration.EMPTY, 41001, 41002).sparkProperties();

        assertThat(properties)
                .containsEntry("spark.connect.grpc.binding.address", "127.0.0.1")
                .containsEntry("spark.connect.grpc.binding.port", "41001")
                .containsEntry("spark.connect.grpc.port.maxRetries", "0")
                .containsEntry("spark.driver.host", "127.0.0.1")
                .containsEntry("spark.driver.bindAddress", "127.0.0.1")
                .containsEntry("spark.ui.port", "41002")
                .containsEntry("spark.ui.proxyBase", "/dashboard/00sess")
                .containsEntry("spark.master", "local[4]")
                .containsEntry("spark.eventLog.enabled", "true")
                .containsEntry("spark.eventLog.dir", "file:/data/event-logs")
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("spark.app.name", "Spark Connect server");
    }

    @Test
    void keepsTheSessionsConfigurationButNotWhereTheServerListens()
    {
        SparkConfiguration configuration = new SparkConfiguration(Map.of(
                "spark.driver.cores", "2",
                "spark.driver.memory", "3g",
                "spark.app.name", "analytics",
                "spark.sql.shuffle.partitions", "7",
                "spark.ui.proxyBase", "/elsewhere",
                "spark.connect.grpc.port.maxRetries", "16"), Map.of(), Map.of());

        DriverPlan plan = plan(configuration, 41001, 41002);

        assertThat(plan.sparkProperties())
                .containsEntry("spark.master", "local[2]")
                .containsEntry("spark.driver.memory", "3g")
                .containsEntry("spark.app.name", "analytics")
                .containsEntry("spark.sql.shuffle.partitions", "7")
                .containsEntry("spark.ui.proxyBase", "/dashboard/00sess")
                .containsEntry("spark.connect.grpc.port.maxRetries", "0");
        assertThat(plan.javaCommand()).contains("-Xmx3g");
        assertThat(plan.driverCores()).isEqualTo(2);
    }

    @Test
    void refusesReservedBindingPropertiesNamingThem()
    {
        for (String reserved : List.of("spark.connect.grpc.binding.address", "spark.connect.grpc.binding.port", "spark.connect.authenticate.token")) {
            SparkConfiguration configuration = new SparkConfiguration(Map.of(reserved, "1"), Map.of(), Map.of());
            assertThatThrownBy(() -> ConnectServerPlanner.validate(configuration))
                    .isInstanceOfSatisfying(EmrysException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION))
                    .hasMessageContaining("'" + reserved + "'")
                    .hasMessageContaining("reserved");
            assertThatThrownBy(() -> plan(configuration, 41001, 41002)).isInstanceOf(EmrysException.class).hasMessageContaining(reserved);
        }
        SparkConfiguration padded = new SparkConfiguration(Map.of(" spark.connect.grpc.binding.address ", "0.0.0.0"), Map.of(), Map.of());
        assertThatThrownBy(() -> ConnectServerPlanner.validate(padded)).hasMessageContaining("'spark.connect.grpc.binding.address'");
    }

    @Test
    void acceptsOtherConnectSettings()
    {
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.connect.grpc.maxInboundMessageSize", "268435456"), Map.of(), Map.of());

        assertThatCode(() -> ConnectServerPlanner.validate(configuration)).doesNotThrowAnyException();
        assertThat(plan(configuration, 41001, 41002).sparkProperties()).containsEntry("spark.connect.grpc.maxInboundMessageSize", "268435456");
    }

    @Test
    void requiresTheDriversSecretThroughSparksOwnTokenSettingOnSpark4()
    {
        DriverPlan plan = plan(SparkConfiguration.EMPTY, 41001, 41002);

        assertThat(plan.sparkProperties())
                .containsEntry("spark.connect.authenticate.token", SECRET.value())
                .doesNotContainKey("spark.connect.grpc.interceptor.classes");
        assertThat(plan.javaCommand()).noneMatch(argument -> argument.contains(SECRET.value()));
        assertThat(plan.environment().values()).noneMatch(value -> value.contains(SECRET.value()));
    }

    @Test
    void requiresTheDriversSecretThroughTheAgentsInterceptorOnSpark35AfterTheUsersOwn()
    {
        SparkRuntime spark35 = TestingRuntimes.emr7100(Path.of("/opt/emrys/runtimes/spark-3.5.5"));
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.connect.grpc.interceptor.classes", "com.example.Audit"), Map.of(), Map.of());

        DriverPlan plan = plan(spark35, configuration, 41001, 41002);

        assertThat(plan.sparkProperties())
                .containsEntry("spark.connect.authenticate.token", SECRET.value())
                // gRPC runs the interceptor added last first: the secret is checked before the user's interceptor runs
                .containsEntry("spark.connect.grpc.interceptor.classes", "com.example.Audit,io.emrys.agent.ConnectSecretInterceptor");
        List<String> command = plan.javaCommand();
        assertThat(command.get(command.indexOf("-cp") + 1)).endsWith(":" + spark35.agentJar());
        assertThat(command).noneMatch(argument -> argument.contains(SECRET.value()));
    }

    private DriverPlan plan(SparkConfiguration configuration, int grpcPort, int uiPort)
    {
        return plan(RUNTIME, configuration, grpcPort, uiPort);
    }

    private DriverPlan plan(SparkRuntime runtime, SparkConfiguration configuration, int grpcPort, int uiPort)
    {
        ConnectServerLaunchRequest request = new ConnectServerLaunchRequest("00sess", runtime, configuration, WORK_DIR, "file:/data/event-logs",
                "/dashboard/00sess", Map.of("fs.s3a.endpoint", "http://127.0.0.1:9000"));
        return planner.plan(planner.driverRequest(request, grpcPort, SECRET), uiPort);
    }
}
