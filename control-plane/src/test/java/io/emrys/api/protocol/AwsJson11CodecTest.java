package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/** The awsJson1_1 codec under the protocol-neutral pipeline, on a tiny model shaped like the EMR API. */
@Timeout(30)
class AwsJson11CodecTest
{
    private static final ShapeId SERVICE = ShapeId.from("io.emrys.test.awsjson#ElasticMapReduce");
    private static final Model MODEL = SmithyModels.load(List.of(Objects.requireNonNull(
            AwsJson11CodecTest.class.getClassLoader().getResource("protocol/aws-json-1-1-sample.smithy"))));
    // the EMR API reports every user error as InvalidRequestException and internal ones as InternalServerError
    private static final ServiceErrors EMR_ERRORS = code -> code == ErrorCode.INTERNAL ? "InternalServerError" : "InvalidRequestException";

    private final AwsJson11Codec codec = new AwsJson11Codec(MODEL, SERVICE, EMR_ERRORS, ValidationStyle.AWS);

    @Test
    void decodesTheWholeBodyAsTheInputOfTheTargetedOperation()
    {
        DecodedCall call = codec.decode(request("ElasticMapReduce.ListClusters", "{\"Marker\":\"page-2\",\"Unknown\":1}"));

        assertThat(call.operation().getId().getName()).isEqualTo("ListClusters");
        assertThat(call.input()).isEqualTo(JsonNodeFactory.instance.objectNode().put("Marker", "page-2"));
    }

    @Test
    void takesAMissingBodyAsAnEmptyInput()
    {
        assertThat(codec.decode(request("ElasticMapReduce.ListClusters", "")).input()).isEmpty();
    }

    @Test
    void answersAnUnknownTargetWithUnknownOperationException()
    {
        WireResponse response = serve(request("ElasticMapReduce.TerminateJobFlows", "{}"), call -> {
            throw new AssertionError("no handler may run");
        });

        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).path("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(body(response).path("message").asText()).contains("ElasticMapReduce.TerminateJobFlows");
    }

    @Test
    void writesTheOutputAsTheJsonBodyOfA200()
    {
        WireResponse response = serve(request("ElasticMapReduce.ListClusters", "{}"),
                call -> JsonNodeFactory.instance.objectNode().set("Clusters", JsonNodeFactory.instance.arrayNode().add("j-1")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.headers()).contains(Map.entry(ProtocolDispatcher.REQUEST_ID_HEADER, "request-1"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Clusters\":[\"j-1\"]}");
    }

    @Test
    void putsAUserErrorsTextIntoTheShapesOwnMessageMember()
    {
        WireResponse response = serve(request("ElasticMapReduce.DescribeCluster", "{\"ClusterId\":\"j-404\"}"), call -> {
            throw EmrysException.notFound("Cluster j-404 does not exist");
        });

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"__type\":\"InvalidRequestException\",\"Message\":\"Cluster j-404 does not exist\"}");
    }

    @Test
    void reportsAMissingRequiredMemberAsTheServicesValidationError()
    {
        WireResponse response = serve(request("ElasticMapReduce.RunJobFlow", "{}"), call -> {
            throw new AssertionError("an invalid input never reaches the handler");
        });

        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response).path("__type").asText()).isEqualTo("InvalidRequestException");
        assertThat(body(response).path("Message").asText()).startsWith("1 validation error detected").contains("'Name'");
    }

    @Test
    void neverShowsTheTextOfAnInternalFailure()
    {
        WireResponse response = serve(request("ElasticMapReduce.RunJobFlow", "{\"Name\":\"etl\"}"), call -> {
            throw new IllegalStateException("password=hunter2");
        });

        assertThat(response.status()).isEqualTo(500);
        // InternalServerError has no members, so its body names the error and nothing else
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"__type\":\"InternalServerError\"}");
    }

    @Test
    void refusesAServiceItsModelDoesNotDeclareAwsJson11()
    {
        assertThatThrownBy(() -> new AwsJson11Codec(SmithyModels.emrServerless(), SmithyModels.EMR_SERVERLESS, EMR_ERRORS, ValidationStyle.AWS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@awsJson1_1");
    }

    private WireResponse serve(WireRequest request, OperationHandler handler)
    {
        Map<String, OperationHandler> handlers = Map.of("ListClusters", handler, "DescribeCluster", handler, "RunJobFlow", handler);
        ProtocolDispatcher dispatcher = new ProtocolDispatcher(codec, new OperationPipeline(MODEL, SERVICE, handlers));
        return dispatcher.handle(request, Optional.of(ConformanceServers.CALLER), "request-1", "127.0.0.1");
    }

    private static WireRequest request(String target, String body)
    {
        Map<String, List<String>> headers = Map.of(
                "content-type", List.of("application/x-amz-json-1.1"),
                "x-amz-target", List.of(target));
        return new WireRequest("POST", "/", Map.of(), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode body(WireResponse response)
    {
        return ConformanceRun.json(new String(response.body(), StandardCharsets.UTF_8));
    }
}
