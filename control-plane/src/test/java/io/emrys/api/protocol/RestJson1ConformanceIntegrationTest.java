package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.ErrorTrait;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestDefinition;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpMalformedRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpMalformedResponseBodyDefinition;
import software.amazon.smithy.protocoltests.traits.HttpMalformedResponseDefinition;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestsTrait;

/**
 * Runs AWS's restJson1 protocol compliance suite against {@link RestJson1Service}: every server-applicable
 * request, response and malformed-request case, as dynamic tests, with pass counts printed per kind.
 */
@Timeout(600)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestJson1ConformanceIntegrationTest
{
    private final ConformanceRun run = new ConformanceRun("restJson1", List.of("httpRequestTests", "httpResponseTests", "httpMalformedRequestTests"));

    private Model model;
    private TestParams params;
    private ConformanceServers servers;

    @BeforeAll
    void start()
    {
        model = ProtocolTestModel.restJson1();
        params = new TestParams(model);
        servers = ConformanceServers.restJson1(model);
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
        return run.requestTests(model, this::runRequestTest);
    }

    @TestFactory
    Stream<DynamicTest> httpResponseTests()
    {
        return run.responseTests(model, this::runResponseTest);
    }

    @TestFactory
    Stream<DynamicTest> httpMalformedRequestTests()
    {
        List<DynamicTest> tests = new ArrayList<>();
        for (OperationShape operation : model.getOperationShapesWithTrait(HttpMalformedRequestTestsTrait.class)) {
            List<HttpMalformedRequestTestCase> cases = operation.expectTrait(HttpMalformedRequestTestsTrait.class).getTestCases();
            for (int index = 0; index < cases.size(); index++) {
                HttpMalformedRequestTestCase testCase = cases.get(index);
                // parameterized cases share an id; the index tells them apart in the report
                String name = testCase.getId() + " #" + index;
                tests.add(run.counted("httpMalformedRequestTests", testCase.getId(), name, () -> runMalformedTest(operation, testCase)));
            }
        }
        return tests.stream().filter(java.util.Objects::nonNull);
    }

    private void runRequestTest(OperationShape operation, HttpRequestTestCase testCase)
    {
        ConformanceRun.assertDecoded(model, params, servers.forOperation(operation.getId()).orElseThrow(), operation, testCase);
    }

    private void runResponseTest(Shape shape, HttpResponseTestCase testCase)
    {
        if (shape.hasTrait(ErrorTrait.class)) {
            throw new AssertionError("Modeled error responses with custom members cannot be raised by a handler");
        }
        OperationShape operation = shape.asOperationShape().orElseThrow();
        ConformanceServers.Served served = servers.forOperation(operation.getId()).orElseThrow();
        served.echo().reset();
        served.echo().nextOutput.set(params.normalize(model.expectShape(operation.getOutputShape()), testCase.getParams()));
        AggregatedHttpResponse response = SampleRequests.send(model, served, operation);
        assertThat(served.echo().lastCall.get()).as("handler was not called; response %s %s", response.status(), response.contentUtf8()).isNotNull();
        ConformanceRun.assertResponse(response, testCase);
    }

    private void runMalformedTest(OperationShape operation, HttpMalformedRequestTestCase testCase)
    {
        ConformanceServers.Served served = servers.forOperation(operation.getId()).orElseThrow();
        served.echo().reset();
        HttpMalformedRequestDefinition request = testCase.getRequest();
        AggregatedHttpResponse response = ConformanceServers.send(served, request.getMethod(), request.getUri().orElse("/"),
                request.getQueryParams(), request.getHeaders(), request.getBody().orElse(""));
        HttpMalformedResponseDefinition expected = testCase.getResponse();
        assertThat(response.status().code()).as("status; body %s", response.contentUtf8()).isEqualTo(expected.getCode());
        ConformanceRun.assertHeaders(response, expected.getHeaders());
        Optional<HttpMalformedResponseBodyDefinition> body = expected.getBody();
        if (body.isPresent()) {
            // the suite escapes '$' as "$$"; parameterized cases come unescaped, the others we unescape here
            body.get().getContents().ifPresent(contents -> ConformanceRun.assertBody(response, contents.replace("$$", "$"), body.get().getMediaType()));
            body.get().getMessageRegex().ifPresent(regex ->
                    assertThat(ConformanceRun.json(response.contentUtf8()).path("message").asText()).matches(regex));
        }
    }
}
