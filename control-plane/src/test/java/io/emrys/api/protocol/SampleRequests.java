package io.emrys.api.protocol;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.pattern.SmithyPattern.Segment;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.HttpTrait;
import software.amazon.smithy.model.traits.RequiredTrait;
import software.amazon.smithy.protocoltests.traits.AppliesTo;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestCase;
import software.amazon.smithy.protocoltests.traits.HttpRequestTestsTrait;

/**
 * Builds a valid request for an operation so that a response case reaches its handler: the operation's own
 * server request case when it has one, otherwise one made from {@code @http} with sample values for labels
 * and required members.
 */
final class SampleRequests
{
    private SampleRequests() {}

    static AggregatedHttpResponse send(Model model, ConformanceServers.Served served, OperationShape operation)
    {
        Optional<HttpRequestTestCase> known = operation.getTrait(HttpRequestTestsTrait.class).stream()
                .flatMap(trait -> trait.getTestCases().stream())
                .filter(testCase -> testCase.getAppliesTo().map(appliesTo -> appliesTo == AppliesTo.SERVER).orElse(true))
                .findFirst();
        if (known.isPresent()) {
            HttpRequestTestCase testCase = known.get();
            return ConformanceServers.send(served, testCase.getMethod(), testCase.getUri(), testCase.getQueryParams(),
                    testCase.getHeaders(), testCase.getBody().orElse(""));
        }
        HttpTrait http = operation.expectTrait(HttpTrait.class);
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> query = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (HttpBinding binding : HttpBindingIndex.of(model).getRequestBindings(operation).values()) {
            Shape target = model.expectShape(binding.getMember().getTarget());
            String sample = sample(target);
            boolean required = binding.getMember().hasTrait(RequiredTrait.class);
            switch (binding.getLocation()) {
                case LABEL:
                    labels.put(binding.getLocationName(), sample);
                    break;
                case HEADER:
                    if (required) {
                        headers.put(binding.getLocationName(), sample);
                    }
                    break;
                case QUERY:
                    if (required) {
                        query.add(binding.getLocationName() + "=" + sample);
                    }
                    break;
                case DOCUMENT:
                    if (required) {
                        body.append(body.length() == 0 ? "{" : ",").append('"').append(binding.getLocationName()).append("\":")
                                .append(target.isStringShape() || target.isEnumShape() ? "\"" + sample + "\"" : sample);
                    }
                    break;
                default:
                    break;
            }
        }
        StringBuilder path = new StringBuilder();
        for (Segment segment : http.getUri().getSegments()) {
            path.append('/').append(segment.isLabel() ? labels.getOrDefault(segment.getContent(), "a") : segment.getContent());
        }
        if (path.length() == 0) {
            path.append('/');
        }
        http.getUri().getQueryLiterals().forEach((name, value) -> query.add(value.isEmpty() ? name : name + "=" + value));
        if (body.length() > 0) {
            body.append('}');
            headers.put("content-type", "application/json");
        }
        return ConformanceServers.send(served, http.getMethod(), path.toString(), query, headers, body.toString());
    }

    private static String sample(Shape target)
    {
        switch (target.getType()) {
            case BOOLEAN:
                return "true";
            case BYTE:
            case SHORT:
            case INTEGER:
            case LONG:
            case FLOAT:
            case DOUBLE:
            case INT_ENUM:
            case BIG_INTEGER:
            case BIG_DECIMAL:
                return "1";
            case TIMESTAMP:
                return "1970-01-01T00:00:00Z";
            case ENUM:
                return target.asEnumShape().map(shape -> shape.getEnumValues().values().iterator().next()).orElse("a");
            default:
                return "a";
        }
    }
}
