package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.aws.traits.protocols.AwsQueryTrait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.traits.ErrorTrait;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;

/**
 * Runs AWS's awsQuery protocol compliance suite against {@link AwsQueryService}: every server-applicable request
 * case (the form must decode to the case's params) and response case (the params, or the error, must encode to the
 * case's status, headers and XML body), as dynamic tests, with pass counts printed per kind.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AwsQueryConformanceIntegrationTest
{
    private static final Pattern REQUEST_ID = Pattern.compile("<RequestId>([^<]*)</RequestId>");
    // the suite's errors, each under one code so that a handler can raise it as Emrys handlers do
    private static final ServiceErrors SUITE_ERRORS = code -> switch (code) {
        case VALIDATION -> "InvalidGreeting";
        case CONFLICT -> "ComplexError";
        case RESOURCE_NOT_FOUND -> "CustomCodeError";
        case SERVICE_QUOTA_EXCEEDED -> "ErrorWithoutMembers";
        case INTERNAL, ACCESS_DENIED, ALREADY_EXISTS, DELETE_CONFLICT, MALFORMED_POLICY -> "InternalError";
    };

    private final ConformanceRun run = new ConformanceRun("awsQuery", List.of("httpRequestTests", "httpResponseTests"));
    // each response case names the request id it expects in the body
    private final AtomicReference<String> requestId = new AtomicReference<>("request-id");
    private Model model;
    private TestParams params;
    private ConformanceServers servers;

    @BeforeAll
    void start()
    {
        model = ProtocolTestModel.awsQuery();
        params = new TestParams(model);
        servers = new ConformanceServers(model, AwsQueryTrait.class, (service, handlers) ->
                AwsQueryService.builder(model, service.getId(), SUITE_ERRORS)
                        .defaultCaller(ConformanceServers.CALLER)
                        .requestIds(requestId::get)
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
            testCase.getBody().map(REQUEST_ID::matcher).filter(Matcher::find).ifPresent(matcher -> requestId.set(matcher.group(1)));
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
        assertResponse(response, testCase);
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
        assertResponse(response, testCase);
    }

    private static void assertResponse(AggregatedHttpResponse response, HttpResponseTestCase testCase)
    {
        assertThat(response.status().code()).as("status; body %s", response.contentUtf8()).isEqualTo(testCase.getCode());
        ConformanceRun.assertHeaders(response, testCase.getHeaders());
        testCase.getBody().filter(body -> !body.isEmpty()).ifPresent(body -> XmlBodies.assertSameXml(response.contentUtf8(), body));
    }

    private AggregatedHttpResponse call(ConformanceServers.Served served, OperationShape operation)
    {
        ServiceShape service = model.expectShape(servers.serviceOf(operation.getId()).orElseThrow(), ServiceShape.class);
        String form = "Action=" + operation.getId().getName(service) + "&Version=" + service.getVersion();
        return ConformanceServers.send(served, "POST", "/", List.of(), Map.of("Content-Type", "application/x-www-form-urlencoded"), form);
    }

    private static ErrorCode codeOf(StructureShape error)
    {
        return Arrays.stream(ErrorCode.values())
                .filter(code -> SUITE_ERRORS.errorName(code).equals(error.getId().getName()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No error code is reported as " + error.getId().getName()));
    }
}
