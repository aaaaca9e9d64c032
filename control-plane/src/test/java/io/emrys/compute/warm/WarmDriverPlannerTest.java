package io.emrys.compute.warm;

import io.emrys.common.ConnectSecret;
import io.emrys.testing.TestingRuntimes;
import io.emrys.compute.config.MemorySize;
import io.emrys.compute.config.SparkConfiguration;
import io.emrys.compute.config.SparkSubmitParameters;
import io.emrys.compute.driver.DriverLaunchRequest;
import io.emrys.compute.driver.DriverLauncherConfig;
import io.emrys.compute.driver.DriverPlan;
import io.emrys.compute.driver.DriverPlanner;
import io.emrys.compute.runtime.SparkRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class WarmDriverPlannerTest
{
    private static final Path JAVA = Path.of("/opt/jdk/bin/java");
    private static final SparkRuntime RUNTIME = TestingRuntimes.emrSpark80(Path.of("/opt/emrys/runtimes/spark-4.0.1"));
    private static final Path WORK_DIR = Path.of("/data/warm/w1");
    private static final DriverLauncherConfig CONFIG = new DriverLauncherConfig(JAVA, 4, new MemorySize(14 * 1024), 20, Duration.ofMillis(250));

    private static final ConnectSecret SECRET = ConnectSecret.random();

    private final WarmDriverPlanner planner = new WarmDriverPlanner(CONFIG);

    @Test
    void runsTheWarmDriverWithTheAgentJarInsteadOfSparkSubmit()
    {
        DriverLaunchRequest request = request("--class com.example.Job --conf spark.driver.extraJavaOptions=-cp", Map.of());

        DriverPlan plan = planner.plan(request, 4040, 15002, SECRET);

        List<String> command = plan.javaCommand();
        assertThat(command.subList(command.size() - 4, command.size())).containsExactly(
                "-cp", "/opt/emrys/runtimes/spark-4.0.1/jars/*:/opt/emrys/runtimes/spark-4.0.1/agent/emrys-driver-agent.jar",
                "io.emrys.agent.WarmDriver", WORK_DIR.resolve("spark.properties").toString());
        assertThat(command).doesNotContain("org.apache.spark.deploy.SparkSubmit", "--class", "com.example.Job", "spark-internal");
        assertThat(plan.localEntryPoint()).isEmpty();
    }

    @Test
    void asksTheAgentForASparkConnectWarmUpWithoutChangingSparkProperties()
    {
        DriverLaunchRequest request = request("", Map.of());

        DriverPlan connect = planner.plan(request, 4040, 15002, SECRET, WarmDriverWarmUp.SPARK_SQL_AND_CONNECT);
        DriverPlan sql = planner.plan(request, 4040, 15002, SECRET, WarmDriverWarmUp.SPARK_SQL);

        assertThat(connect.javaCommand()).endsWith("io.emrys.agent.WarmDriver", WORK_DIR.resolve("spark.properties").toString(), "--warm-up-connect");
        assertThat(sql.javaCommand()).doesNotContain("--warm-up-connect");
        assertThat(connect.sparkProperties()).isEqualTo(sql.sparkProperties());
    }

    @Test
    void keepsTheColdDriversJvmOptionsAndProperties()
    {
        DriverLaunchRequest request = request("--driver-memory 2g --conf spark.driver.extraJavaOptions=-Dx=1 --conf spark.executor.memory=3g", Map.of());

        DriverPlan cold = new DriverPlanner(CONFIG).plan(request, 4040);
        DriverPlan warm = planner.plan(request, 4040, 15002, SECRET);

        assertThat(warm.javaCommand()).startsWith(cold.javaCommand().subList(0, cold.javaCommand().indexOf("-cp")).toArray(String[]::new));
        assertThat(warm.javaCommand()).contains("-Xmx2g", "-Dx=1");
        assertThat(warm.sparkProperties()).containsAllEntriesOf(cold.sparkProperties());
        assertThat(warm.environment()).isEqualTo(cold.environment());
        assertThat(warm.driverMemory()).isEqualTo(cold.driverMemory());
        assertThat(warm.uiPort()).isEqualTo(4040);
    }

    @Test
    void bindsSparkConnectToLoopbackOnTheGivenPortWhateverTheUserSet()
    {
        SparkConfiguration configuration = new SparkConfiguration(Map.of("spark.connect.grpc.binding.address", "0.0.0.0"), Map.of(), Map.of());
        DriverLaunchRequest request = new DriverLaunchRequest("w1", RUNTIME, "spark-internal", List.of(), SparkSubmitParameters.parse(""),
                configuration, WORK_DIR, "file:/data/event-logs", Map.of());

        Map<String, String> properties = planner.plan(request, 4040, 15123, SECRET).sparkProperties();

        assertThat(properties)
                .containsEntry("spark.connect.grpc.binding.address", "127.0.0.1")
                .containsEntry("spark.connect.grpc.binding.port", "15123")
                .containsEntry("spark.connect.grpc.port.maxRetries", "0")
                .containsEntry("spark.app.name", "Emrys warm driver")
                .containsEntry("spark.ui.port", "4040");
        assertThat(WarmDriverPlanner.OWNED_PROPERTIES).contains("spark.connect.grpc.binding.port");
    }

    @Test
    void givesEveryWarmDriverItsOwnConnectSecretInTheOwnedProperties()
    {
        Map<String, String> properties = planner.plan(request("", Map.of()), 4040, 15002, SECRET).sparkProperties();

        assertThat(properties).containsEntry("spark.connect.authenticate.token", SECRET.value());
        assertThat(properties).doesNotContainKey("spark.connect.grpc.interceptor.classes");
        assertThat(planner.plan(request("", Map.of()), 4040, 15002, SECRET).javaCommand()).noneMatch(argument -> argument.contains(SECRET.value()));
        // a session must still match a warm driver whose secret it cannot know
        assertThat(WarmDriverPlanner.OWNED_PROPERTIES).contains("spark.connect.authenticate.token", "spark.connect.grpc.interceptor.classes");
    }

    @Test
    void registersTheAgentsSecretInterceptorOnTheSpark35Line()
    {
        SparkRuntime spark35 = TestingRuntimes.emr7100(Path.of("/opt/emrys/runtimes/spark-3.5.5"));
        DriverLaunchRequest request = new DriverLaunchRequest("w1", spark35, "spark-internal", List.of(), SparkSubmitParameters.parse(""),
                SparkConfiguration.EMPTY, WORK_DIR, "file:/data/event-logs", Map.of());

        Map<String, String> properties = planner.plan(request, 4040, 15002, SECRET).sparkProperties();

        assertThat(properties)
                .containsEntry("spark.connect.authenticate.token", SECRET.value())
                .containsEntry("spark.connect.grpc.interceptor.classes", "io.emrys.agent.ConnectSecretInterceptor");
    }

    @Test
    void keepsTheApplicationsOwnName()
    {
        Map<String, String> properties = planner.plan(request("--name nightly", Map.of()), 4040, 15002, SECRET).sparkProperties();

        assertThat(properties).containsEntry("spark.app.name", "nightly");
    }

    private static DriverLaunchRequest request(String sparkSubmitParameters, Map<String, String> defaults)
    {
        return new DriverLaunchRequest("w1", RUNTIME, "spark-internal", List.of(), SparkSubmitParameters.parse(sparkSubmitParameters),
                new SparkConfiguration(defaults, Map.of(), Map.of()), WORK_DIR, "file:/data/event-logs", Map.of());
    }
}
