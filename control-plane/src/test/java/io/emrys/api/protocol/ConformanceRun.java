package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.protocoltests.traits.AppliesTo;
import software.amazon.smithy.protocoltests.traits.HttpMessageTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestsTrait;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestCase;
import software.amazon.smithy.protocoltests.traits.HttpResponseTestsTrait;

/**
 * One protocol's run of the compliance suite: turns cases into dynamic tests, leaves out the cases
 * {@link ConformanceExclusions} names, counts what passed per kind of case and prints the counts at the end; also
 * the response assertions every protocol's runner shares.
 */
final class ConformanceRun
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String protocol;
    private final List<String> exclusions = new CopyOnWriteArrayList<>();
    // passed, run and excluded per kind, printed at the end for the closing note
    private final Map<String, AtomicInteger[]> counts = new LinkedHashMap<>();

    /** @param kinds the kinds of case this run has, such as httpRequestTests */
    ConformanceRun(String protocol, List<String> kinds)
    {
        this.protocol = protocol;
        kinds.forEach(kind -> counts.put(kind, new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()}));
    }

    /** One dynamic test per server-side request case in {@code model}, run by {@code runner}. */
    Stream<DynamicTest> requestTests(Model model, BiConsumer<OperationShape, HttpRequestTestCase> runner)
    {
        List<DynamicTest> tests = new ArrayList<>();
        for (OperationShape operation : model.getOperationShapesWithTrait(HttpRequestTestsTrait.class)) {
            for (HttpRequestTestCase testCase : operation.expectTrait(HttpRequestTestsTrait.class).getTestCases()) {
                if (appliesToServer(testCase)) {
                    tests.add(counted("httpRequestTests", testCase.getId(), () -> runner.accept(operation, testCase)));
                }
            }
        }
        return tests.stream().filter(Objects::nonNull);
    }

    /** One dynamic test per server-side response case in {@code model} (on operations and on errors). */
    Stream<DynamicTest> responseTests(Model model, BiConsumer<Shape, HttpResponseTestCase> runner)
    {
        List<DynamicTest> tests = new ArrayList<>();
        for (Shape shape : model.getShapesWithTrait(HttpResponseTestsTrait.class)) {
            for (HttpResponseTestCase testCase : shape.expectTrait(HttpResponseTestsTrait.class).getTestCases()) {
                if (appliesToServer(testCase)) {
                    tests.add(counted("httpResponseTests", testCase.getId(), () -> runner.accept(shape, testCase)));
                }
            }
        }
        return tests.stream().filter(Objects::nonNull);
    }

    /** A dynamic test for one case, or null when the case is excluded (left out, not reported as skipped). */
    private DynamicTest counted(String kind, String id, Runnable body)
    {
        return counted(kind, id, id, body);
    }

    DynamicTest counted(String kind, String id, String name, Runnable body)
    {
        AtomicInteger[] count = counts.get(kind);
        Optional<String> excluded = ConformanceExclusions.reason(kind, id);
        if (excluded.isPresent()) {
            // the reasons are printed with the counts
            count[2].incrementAndGet();
            exclusions.add(kind + " " + id + ": " + excluded.get());
            return null;
        }
        return DynamicTest.dynamicTest(name, () -> {
            count[1].incrementAndGet();
            try {
                body.run();
            }
            catch (AssertionError | RuntimeException e) {
                throw new AssertionError(id + ": " + e.getMessage(), e);
            }
            count[0].incrementAndGet();
        });
    }

    void report()
    {
        exclusions.forEach(exclusion -> System.out.println(protocol + " conformance case left out: " + exclusion));
        counts.forEach((kind, count) -> System.out.printf("%s conformance %s: %d passed / %d run (%d excluded)%n",
                protocol, kind, count[0].get(), count[1].get(), count[2].get()));
    }

    static boolean appliesToServer(HttpMessageTestCase testCase)
    {
        return testCase.getAppliesTo().map(appliesTo -> appliesTo == AppliesTo.SERVER).orElse(true);
    }

    /** Sends a request case to its server and checks that the handler saw the case's params, normalized. */
    static void assertDecoded(Model model, TestParams params, ConformanceServers.Served served, OperationShape operation, HttpRequestTestCase testCase)
    {
        served.echo().reset();
        AggregatedHttpResponse response = ConformanceServers.send(served, testCase.getMethod(), testCase.getUri(),
                testCase.getQueryParams(), testCase.getHeaders(), testCase.getBody().orElse(""));
        OperationCall call = served.echo().lastCall.get();
        assertThat(call).as("handler was not called; response %s %s", response.status(), response.contentUtf8()).isNotNull();
        assertThat(call.operationName()).isEqualTo(operation.getId().getName());
        ObjectNode expected = params.normalize(model.expectShape(operation.getInputShape()), testCase.getParams());
        assertThat(TestParams.same(expected, call.input()))
                .as("input differs:%n expected %s%n actual   %s", expected, call.input())
                .isTrue();
    }

    /** Status, headers (expected, forbidden, required) and body as a response case describes them. */
    static void assertResponse(AggregatedHttpResponse response, HttpResponseTestCase testCase)
    {
        assertThat(response.status().code()).as("status; body %s", response.contentUtf8()).isEqualTo(testCase.getCode());
        assertHeaders(response, testCase.getHeaders());
        for (String forbidden : testCase.getForbidHeaders()) {
            assertThat(response.headers().contains(forbidden.toLowerCase(Locale.ROOT))).as("forbidden header %s", forbidden).isFalse();
        }
        for (String required : testCase.getRequireHeaders()) {
            assertThat(response.headers().contains(required.toLowerCase(Locale.ROOT))).as("required header %s", required).isTrue();
        }
        testCase.getBody().ifPresent(body -> assertBody(response, body, testCase.getBodyMediaType().orElse("")));
    }

    static void assertHeaders(AggregatedHttpResponse response, Map<String, String> expected)
    {
        expected.forEach((name, value) -> assertThat(response.headers().get(name.toLowerCase(Locale.ROOT)))
                .as("header %s; body %s", name, response.contentUtf8())
                .isEqualTo(value));
    }

    static void assertBody(AggregatedHttpResponse response, String expected, String mediaType)
    {
        String actual = response.contentUtf8();
        if (mediaType.contains("json") && !expected.isEmpty()) {
            JsonNode expectedJson = json(expected);
            JsonNode actualJson = json(actual);
            // restJson1 lets an error body carry __type beside the header; its suite's bodies omit it
            if (actualJson.isObject() && !expectedJson.has("__type")) {
                ((ObjectNode) actualJson).remove("__type");
            }
            assertThat(TestParams.same(expectedJson, actualJson)).as("body:%n expected %s%n actual   %s", expected, actual).isTrue();
        }
        else {
            assertThat(actual).as("body").isEqualTo(expected);
        }
    }

    static JsonNode json(String text)
    {
        try {
            return MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
