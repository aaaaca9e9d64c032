package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.server.Server;
import io.emrys.common.Caller;
import io.emrys.api.serverless.ServerlessErrors;
import io.emrys.error.EmrysException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.emrserverless.model.ApplicationState;
import software.amazon.awssdk.services.emrserverless.model.CreateApplicationResponse;
import software.amazon.awssdk.services.emrserverless.model.InitialCapacityConfig;
import software.amazon.awssdk.services.emrserverless.model.ListApplicationsResponse;
import software.amazon.awssdk.services.emrserverless.model.ResourceNotFoundException;
import software.amazon.awssdk.services.emrserverless.model.ValidationException;
import software.amazon.smithy.model.Model;

/** Serves the real EMR Serverless model and drives it with the real AWS SDK for Java v2. */
@Timeout(60)
class EmrServerlessRoutingIntegrationTest
{
    private static final Caller CALLER = new Caller("123456789012", "arn:aws:iam::123456789012:root", "AKIDEXAMPLE");
    private static final String JOB_RUN_ARN = "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1abcdexample/jobruns/00f1jobrun";
    private static final Instant CREATED = Instant.parse("2024-05-01T10:15:30.250Z");

    private static final Map<String, ObjectNode> received = new ConcurrentHashMap<>();
    private static Server server;
    private static EmrServerlessClient client;

    @BeforeAll
    static void start()
    {
        Model model = SmithyModels.emrServerless();
        RestJson1Service service = RestJson1Service.builder(model, SmithyModels.EMR_SERVERLESS, new ServerlessErrors())
                .handler("CreateApplication", call -> {
                    received.put(call.operationName(), call.input());
                    return JsonNodeFactory.instance.objectNode()
                            .put("applicationId", "00f1abcdexample")
                            .put("name", call.input().path("name").asText())
                            .put("arn", "arn:aws:emr-serverless:us-east-1:" + call.caller().accountId() + ":/applications/00f1abcdexample");
                })
                .handler("GetApplication", call -> {
                    throw EmrysException.notFound("Application " + call.input().path("applicationId").asText() + " does not exist");
                })
                .handler("ListApplications", call -> {
                    received.put(call.operationName(), call.input());
                    ObjectNode output = JsonNodeFactory.instance.objectNode();
                    output.putArray("applications").addObject()
                            .put("id", "00f1abcdexample")
                            .put("arn", "arn:aws:emr-serverless:us-east-1:123456789012:/applications/00f1abcdexample")
                            .put("releaseLabel", "emr-7.0.0")
                            .put("type", "SPARK")
                            .put("state", "CREATED")
                            .put("createdAt", CREATED.toString())
                            .put("updatedAt", CREATED.toString());
                    return output;
                })
                .handler("TagResource", call -> {
                    received.put(call.operationName(), call.input());
                    return JsonNodeFactory.instance.objectNode();
                })
                .handler("UntagResource", call -> {
                    received.put(call.operationName(), call.input());
                    return JsonNodeFactory.instance.objectNode();
                })
                .defaultCaller(CALLER)
                .build();
        server = Server.builder()
                .http(new InetSocketAddress("127.0.0.1", 0))
                .serviceUnder("/", service)
                .build();
        server.start().join();
        client = EmrServerlessClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.activeLocalPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop()
    {
        client.close();
        server.stop().join();
    }

    @Test
    void routesCreateApplicationWithBodyMembersAndCaller()
    {
        CreateApplicationResponse response = client.createApplication(request -> request
                .name("my-app")
                .releaseLabel("emr-7.0.0")
                .type("SPARK")
                .initialCapacity(Map.of("DRIVER", InitialCapacityConfig.builder().workerCount(1L)
                        .workerConfiguration(worker -> worker.cpu("2 vCPU").memory("4 GB")).build())));

        assertThat(response.applicationId()).isEqualTo("00f1abcdexample");
        assertThat(response.arn()).contains(":123456789012:");
        ObjectNode input = received.get("CreateApplication");
        assertThat(input.path("name").asText()).isEqualTo("my-app");
        assertThat(input.path("clientToken").asText()).isNotEmpty();
        assertThat(input.path("initialCapacity").path("DRIVER").path("workerCount").asLong()).isEqualTo(1L);
    }

    @Test
    void rejectsTooLongApplicationNameWithAwsValidationMessage()
    {
        String name = "a".repeat(65);
        assertThatThrownBy(() -> client.createApplication(request -> request.name(name).releaseLabel("emr-7.0.0").type("SPARK")))
                .isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("1 validation error detected: Value '" + name
                        + "' at 'name' failed to satisfy constraint: Member must have length less than or equal to 64");
    }

    @Test
    void reportsEveryViolatedConstraint()
    {
        assertThatThrownBy(() -> client.createApplication(request -> request.name("bad name!").releaseLabel("").type("SPARK")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("3 validation errors detected: ")
                .hasMessageContaining("at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern")
                .hasMessageContaining("Value '' at 'releaseLabel' failed to satisfy constraint: Member must have length greater than or equal to 1; ")
                .hasMessageContaining("Value '' at 'releaseLabel' failed to satisfy constraint: Member must satisfy regular expression pattern");
    }

    @Test
    void mapsResourceNotFoundToTypedSdkException()
    {
        assertThatThrownBy(() -> client.getApplication(request -> request.applicationId("00f1missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Application 00f1missing does not exist")
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(404))
                .satisfies(e -> assertThat(((ResourceNotFoundException) e).requestId()).isNotEmpty());
    }

    @Test
    void bindsQueryListsAndReturnsEpochTimestamps()
    {
        ListApplicationsResponse response = client.listApplications(request -> request.maxResults(10)
                .states(ApplicationState.CREATED, ApplicationState.STARTED));

        ObjectNode input = received.get("ListApplications");
        assertThat(input.path("maxResults").asInt()).isEqualTo(10);
        assertThat(input.path("states")).hasSize(2);
        assertThat(input.path("states").get(1).asText()).isEqualTo("STARTED");
        assertThat(response.applications()).hasSize(1);
        assertThat(response.applications().get(0).createdAt()).isEqualTo(CREATED);
        assertThat(response.applications().get(0).state()).isEqualTo(ApplicationState.CREATED);
    }

    @Test
    void rejectsOutOfRangeQueryParameter()
    {
        assertThatThrownBy(() -> client.listApplications(request -> request.maxResults(51)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
    }

    @Test
    void decodesArnLabelWithSlashesAndBodyMap()
    {
        client.tagResource(request -> request.resourceArn(JOB_RUN_ARN).tags(Map.of("team", "data eng", "cost+center", "a/b")));

        ObjectNode input = received.get("TagResource");
        assertThat(input.path("resourceArn").asText()).isEqualTo(JOB_RUN_ARN);
        assertThat(input.path("tags").path("team").asText()).isEqualTo("data eng");
        assertThat(input.path("tags").path("cost+center").asText()).isEqualTo("a/b");
    }

    @Test
    void decodesRepeatedQueryKeysWithSpacesAndPlusSigns()
    {
        client.untagResource(request -> request.resourceArn(JOB_RUN_ARN).tagKeys("team name", "cost+center"));

        ObjectNode input = received.get("UntagResource");
        assertThat(input.path("resourceArn").asText()).isEqualTo(JOB_RUN_ARN);
        assertThat(input.path("tagKeys").get(0).asText()).isEqualTo("team name");
        assertThat(input.path("tagKeys").get(1).asText()).isEqualTo("cost+center");
    }

    @Test
    void answersUnknownRouteWithUnknownOperation()
            throws Exception
    {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.activeLocalPort() + "/no/such/route")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("x-amzn-errortype")).contains("UnknownOperationException");
        assertThat(response.headers().firstValue("x-amzn-requestid")).isPresent();
    }

    @Test
    void hidesInternalFailuresOfUnregisteredOperations()
    {
        assertThatThrownBy(() -> client.startApplication(request -> request.applicationId("00f1abcdexample")))
                .isInstanceOf(software.amazon.awssdk.services.emrserverless.model.InternalServerException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("handler"));
        assertThat(List.copyOf(received.keySet())).doesNotContain("StartApplication");
    }
}
