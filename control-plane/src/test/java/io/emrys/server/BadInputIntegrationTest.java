package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.testing.SignedHttp;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of constraint of CreateApplication and StartJobRun broken once, over signed raw HTTP: each gets a
 * 400 ValidationException naming the member, and nothing is stored. The same for ListJobRuns' query (its states
 * filter and paging, which Airflow's force_stop pages through).
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTest
{
    /** Stands for the server's standard execution role in the static cases; replaced by its ARN when a case is sent. */
    private static final String STANDARD_ROLE = "standard-execution-role";

    /** The server's standard execution role: trusted by EMR Serverless, {@code s3:*}. */
    private String role;
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestingEmrys emrys;
    private SignedHttp http;
    private String applicationId;

    @BeforeAll
    void startServer()
            throws Exception
    {
        emrys = new TestingEmrys(TestingClock.followingSystemTime());
        role = emrys.executionRoleArn();
        http = new SignedHttp(emrys.apiEndpoint(), emrys.credentials());
        // auto-start off, so a refused StartJobRun cannot even change the application's state
        ObjectNode create = validApplication();
        create.putObject("autoStartConfiguration").put("enabled", false);
        applicationId = JSON.readTree(http.send("POST", "/applications", create.toString()).body()).path("applicationId").asText();
    }

    @AfterAll
    void stopServer()
    {
        emrys.close();
    }

    static Stream<Arguments> badApplications()
    {
        return Stream.of(
                badApplication("name", "name too long", input -> input.put("name", "n".repeat(65))),
                badApplication("name", "name pattern", input -> input.put("name", "has space")),
                badApplication("releaseLabel", "releaseLabel missing", input -> input.remove("releaseLabel")),
                badApplication("releaseLabel", "releaseLabel pattern", input -> input.put("releaseLabel", "emr spark")),
                badApplication("releaseLabel", "releaseLabel on a Spark line Emrys does not serve", input -> input.put("releaseLabel", "emr-6.15.0")),
                badApplication("releaseLabel", "releaseLabel unknown to the catalog", input -> input.put("releaseLabel", "emr-5.36.0")),
                badApplication("type", "type missing", input -> input.remove("type")),
                badApplication("type", "type too long", input -> input.put("type", "S".repeat(65))),
                badApplication("type", "type HIVE not runnable", input -> input.put("type", "HIVE")),
                badApplication("clientToken", "clientToken pattern", input -> input.put("clientToken", "bad token!")),
                badApplication("architecture", "architecture enum", input -> input.put("architecture", "SPARC")),
                badApplication("idleTimeoutMinutes", "auto-stop range", input -> input.putObject("autoStopConfiguration").put("idleTimeoutMinutes", 0)),
                badApplication("cpu", "maximumCapacity cpu pattern", input -> input.putObject("maximumCapacity").put("cpu", "lots").put("memory", "8 GB")),
                badApplication("memory", "maximumCapacity memory required", input -> input.putObject("maximumCapacity").put("cpu", "4 vCPU")),
                badApplication("tags", "tag key pattern", input -> input.putObject("tags").put("bad*key", "v")),
                badApplication("classification", "unknown classification", input -> input.putArray("runtimeConfiguration").addObject().put("classification", "hive-site")),
                badApplication("classification", "classification required", input -> input.putArray("runtimeConfiguration").addObject().putObject("properties")),
                badApplication("logUri", "logUri length", input -> input.putObject("monitoringConfiguration").putObject("s3MonitoringConfiguration").put("logUri", "")),
                badApplication("initialCapacity", "worker type key pattern", input -> input.putObject("initialCapacity").putObject("DRIVER!").put("workerCount", 1)));
    }

    static Stream<Arguments> badJobRuns()
    {
        return Stream.of(
                badJobRun("executionRoleArn", "role missing", input -> input.remove("executionRoleArn")),
                badJobRun("executionRoleArn", "role pattern", input -> input.put("executionRoleArn", "arn:aws:iam::123:user/nobody")),
                badJobRun("jobDriver", "driver missing", input -> input.remove("jobDriver")),
                badJobRun("entryPoint", "entry point missing", input -> ((ObjectNode) input.path("jobDriver").path("sparkSubmit")).remove("entryPoint")),
                badJobRun("entryPoint", "entry point blank", input -> ((ObjectNode) input.path("jobDriver").path("sparkSubmit")).put("entryPoint", "   ")),
                badJobRun("entryPointArguments", "argument empty", input -> ((ObjectNode) input.path("jobDriver").path("sparkSubmit")).putArray("entryPointArguments").add("")),
                badJobRun("sparkSubmitParameters", "unsupported flag", input -> ((ObjectNode) input.path("jobDriver").path("sparkSubmit")).put("sparkSubmitParameters", "--master yarn")),
                badJobRun("driver-memory", "bad memory", input -> ((ObjectNode) input.path("jobDriver").path("sparkSubmit")).put("sparkSubmitParameters", "--driver-memory lots")),
                badJobRun("jobDriver", "hive driver on a Spark application", input -> ((ObjectNode) input.with("jobDriver")).removeAll().putObject("hive").put("query", "SELECT 1")),
                badJobRun("classification", "unknown classification", input -> input.putObject("configurationOverrides").putArray("applicationConfiguration").addObject().put("classification", "yarn-site")),
                badJobRun("executionTimeoutMinutes", "timeout range", input -> input.put("executionTimeoutMinutes", -1)),
                badJobRun("name", "name too long", input -> input.put("name", "n".repeat(257))),
                badJobRun("mode", "mode enum", input -> input.put("mode", "INTERACTIVE")),
                badJobRun("maxAttempts", "retry range", input -> input.putObject("retryPolicy").put("maxAttempts", 0)),
                badJobRun("clientToken", "clientToken too long", input -> input.put("clientToken", "t".repeat(65))),
                badJobRun("tags", "tag value pattern", input -> input.putObject("tags").put("k", "bad*value")),
                badJobRun("encryptionKeyArn", "kms key pattern", input -> input.putObject("configurationOverrides").putObject("monitoringConfiguration")
                        .putObject("s3MonitoringConfiguration").put("encryptionKeyArn", "not-an-arn-but-long-enough")));
    }

    static Stream<Arguments> badJobRunQueries()
    {
        return Stream.of(
                Arguments.of("states", "state enum", "states=STARTED"),
                Arguments.of("states", "states repeated", "states=RUNNING&states=RUNNING"),
                Arguments.of("states", "more states than the eight allowed",
                        "states=SUBMITTED&states=QUEUED&states=PENDING&states=SCHEDULED&states=RUNNING&states=SUCCESS&states=FAILED&states=CANCELLING&states=CANCELLED"),
                Arguments.of("maxResults", "maxResults below one", "maxResults=0"),
                Arguments.of("maxResults", "maxResults above fifty", "maxResults=51"),
                Arguments.of("nextToken", "nextToken pattern", "nextToken=a%2Bb"),
                Arguments.of("nextToken", "nextToken empty", "nextToken="));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badJobRunQueries")
    void listJobRunsRefusesBadQueries(String member, String description, String query)
            throws Exception
    {
        HttpResponse<String> response = http.send("GET", "/applications/" + applicationId + "/jobruns?" + query, null);

        assertValidationError(response, member);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badApplications")
    void createApplicationRefusesBadInputAndStoresNothing(String member, String description, ObjectNode body)
            throws Exception
    {
        int before = applicationCount();

        HttpResponse<String> response = http.send("POST", "/applications", body.toString());

        assertValidationError(response, member);
        assertThat(applicationCount()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badJobRuns")
    void startJobRunRefusesBadInputAndStoresNothing(String member, String description, ObjectNode body)
            throws Exception
    {
        if (body.path("executionRoleArn").asText().equals(STANDARD_ROLE)) {
            // only the member under test is wrong: the role is one the server's EMR Serverless may assume
            body.put("executionRoleArn", role);
        }
        HttpResponse<String> response = http.send("POST", "/applications/" + applicationId + "/jobruns", body.toString());

        assertValidationError(response, member);
        JsonNode runs = JSON.readTree(http.send("GET", "/applications/" + applicationId + "/jobruns", null).body());
        assertThat(runs.path("jobRuns")).isEmpty();
        JsonNode application = JSON.readTree(http.send("GET", "/applications/" + applicationId, null).body());
        assertThat(application.path("application").path("state").asText()).isEqualTo("CREATED");
    }

    private static void assertValidationError(HttpResponse<String> response, String member)
            throws Exception
    {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-errortype")).hasValueSatisfying(type -> assertThat(type).startsWith("ValidationException"));
        assertThat(JSON.readTree(response.body()).path("message").asText()).contains(member);
    }

    private int applicationCount()
            throws Exception
    {
        return JSON.readTree(http.send("GET", "/applications", null).body()).path("applications").size();
    }

    private static Arguments badApplication(String member, String description, Consumer<ObjectNode> breakIt)
    {
        ObjectNode input = validApplication();
        breakIt.accept(input);
        return Arguments.of(member, description, input);
    }

    private static Arguments badJobRun(String member, String description, Consumer<ObjectNode> breakIt)
    {
        ObjectNode input = JSON.createObjectNode().put("executionRoleArn", STANDARD_ROLE).put("clientToken", "token");
        input.putObject("jobDriver").putObject("sparkSubmit").put("entryPoint", "s3://bucket/job.jar");
        breakIt.accept(input);
        return Arguments.of(member, description, input);
    }

    private static ObjectNode validApplication()
    {
        return JSON.createObjectNode().put("name", "valid").put("releaseLabel", "emr-spark-8.0").put("type", "SPARK").put("clientToken", "t-" + System.nanoTime());
    }
}
