package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.aws.traits.protocols.AwsJson1_1Trait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.traits.ErrorTrait;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestsTrait;

/**
 * Runs AWS's awsJson1_1 protocol compliance suite against {@link AwsJson11Service}: every server-applicable
 * request case (the body must decode to the case's params) and response case (the params, or the error, must
 * encode to the case's status, headers and body), as dynamic tests, with pass counts printed per kind.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsJson11ConformanceIntegrationTest
{
    // parses_the_request_id_from_the_response expects the server's request id, whatever it is, in this header
    private static final String REQUEST_ID = "amazon-uniq-request-id";
    // the suite's errors, each under one code so that a handler can raise it as Emrys handlers do
    private static final ServiceErrors SUITE_ERRORS = code -> switch (code) {
        case VALIDATION -> "InvalidGreeting";
        case CONFLICT -> "ComplexError";
        case RESOURCE_NOT_FOUND -> "ErrorWithMembers";
        case SERVICE_QUOTA_EXCEEDED -> "ErrorWithoutMembers";
        case INTERNAL, ACCESS_DENIED, ALREADY_EXISTS, DELETE_CONFLICT, MALFORMED_POLICY -> "FooError";
    };

    private final ConformanceRun run = new ConformanceRun("awsJson1_1", List.of("httpRequestTests", "httpResponseTests"));
    private Model model;
    private TestParams params;
    private ConformanceServers servers;

    @BeforeAll
    void start()
    {
        model = ProtocolTestModel.awsJson11();
        params = new TestParams(model);
        servers = new ConformanceServers(model, AwsJson1_1Trait.class, (service, handlers) ->
                AwsJson11Service.builder(model, service.getId(), SUITE_ERRORS)
                        .defaultCaller(ConformanceServers.CALLER)
                        .requestIds(() -> REQUEST_ID)
                        .handlers(handlers)
                        .build());
    }

    @AfterAll
    void stop()
    {
        if (servers != null) {
            servers.close();
        }
        run.report();
    }

    @TestFactory
    Stream<DynamicTest> httpRequestTests()
    {
        return run.requestTests(model, (operation, testCase) ->
                ConformanceRun.assertDecoded(model, params, servers.forOperation(operation.getId()).orElseThrow(), operation, testCase));
    }

    @TestFactory
    Stream<DynamicTest> httpResponseTests()
    {
        return run.responseTests(model, (shape, testCase) -> {
            if (shape.hasTrait(ErrorTrait.class)) {
                runErrorTest(shape.asStructureShape().orElseThrow(), testCase);
            }
            else {
                runOutputTest(shape.asOperationShape().orElseThrow(), testCase);
            }
        });
    }

    private void runOutputTest(OperationShape operation, HttpResponseTestCase testCase)
    {
        ConformanceServers.Served served = servers.forOperation(operation.getId()).orElseThrow();
        served.echo().reset();
        served.echo().nextOutput.set(params.normalize(model.expectShape(operation.getOutputShape()), testCase.getParams()));
        AggregatedHttpResponse response = call(served, operation);
        assertThat(served.echo().lastCall.get()).as("handler was not called; response %s %s", response.status(), response.contentUtf8()).isNotNull();
        ConformanceRun.assertResponse(response, testCase);
    }

    /** A handler raises the error as Emrys handlers do: an {@link ErrorCode} and a message, nothing else. */
    private void runErrorTest(StructureShape error, HttpResponseTestCase testCase)
    {
        Map<String, Node> members = testCase.getParams().getStringMap();
        assertThat(members.keySet()).as("members beyond the message cannot be raised by a handler").allMatch(name -> name.equalsIgnoreCase("message"));
        String message = members.values().stream().findFirst().map(node -> node.expectStringNode().getValue())
                .orElse("dropped, as " + error.getId().getName() + " has no message member");
        OperationShape operation = model.getOperationShapes().stream()
                .filter(candidate -> candidate.getErrors().contains(error.getId()))
                .findFirst()
                .orElseThrow();
        ConformanceServers.Served served = servers.forOperation(operation.getId()).orElseThrow();
        served.echo().reset();
        served.echo().nextFailure.set(new EmrysException(codeOf(error), message));
        AggregatedHttpResponse response = call(served, operation);
        assertThat(served.echo().lastCall.get()).as("handler was not called; response %s %s", response.status(), response.contentUtf8()).isNotNull();
        ConformanceRun.assertResponse(response, testCase);
    }

    private AggregatedHttpResponse call(ConformanceServers.Served served, OperationShape operation)
    {
        ServiceShape service = model.expectShape(servers.serviceOf(operation.getId()).orElseThrow(), ServiceShape.class);
        Map<String, String> headers = Map.of(
                "Content-Type", AwsJson11Codec.CONTENT_TYPE,
                "X-Amz-Target", service.getId().getName() + "." + operation.getId().getName(service));
        return ConformanceServers.send(served, "POST", "/", List.of(), headers, "{}");
    }

    private static ErrorCode codeOf(StructureShape error)
    {
        return Arrays.stream(ErrorCode.values())
                .filter(code -> SUITE_ERRORS.errorName(code).equals(error.getId().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No error code is reported as " + error.getId().getName()));
    }
}
