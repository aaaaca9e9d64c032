package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.TimestampFormatTrait.Format;

/** Builds an operation's normalized input document from the request's labels, query, headers and body. */
final class HttpRequestDecoder
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Model model;
    private final HttpBindingIndex bindings;
    private final JsonDocumentDecoder json;
    private final TextValueDecoder text;

    HttpRequestDecoder(Model model)
    {
        this.model = requireNonNull(model, "model is null");
        this.bindings = HttpBindingIndex.of(model);
        this.json = new JsonDocumentDecoder(model, true);
        this.text = new TextValueDecoder(model);
    }

    ObjectNode decode(RouteMatch route, WireRequest request)
    {
        OperationShape operation = route.operation();
        ObjectNode input = NODES.objectNode();
        Map<String, HttpBinding> requestBindings = bindings.getRequestBindings(operation);
        List<MemberShape> documentMembers = new ArrayList<>();
        for (HttpBinding binding : requestBindings.values()) {
            MemberShape member = binding.getMember();
            String name = member.getMemberName();
            switch (binding.getLocation()) {
                case LABEL:
                    String label = route.labels().get(binding.getLocationName());
                    if (label != null) {
                        input.set(name, text.decode(member, label, HttpBinding.Location.LABEL));
                    }
                    break;
                case QUERY:
                    List<String> values = request.query().get(binding.getLocationName());
                    if (values != null && !values.isEmpty()) {
                        input.set(name, queryValue(member, values));
                    }
                    break;
                case QUERY_PARAMS:
                    ObjectNode params = queryParams(member, request.query());
                    if (!params.isEmpty()) {
                        input.set(name, params);
                    }
                    break;
                case HEADER:
                    request.header(binding.getLocationName().toLowerCase(java.util.Locale.ROOT))
                            .ifPresent(value -> input.set(name, headerValue(member, value)));
                    break;
                case PREFIX_HEADERS:
                    ObjectNode prefixed = prefixHeaders(binding.getLocationName(), request);
                    if (!prefixed.isEmpty()) {
                        input.set(name, prefixed);
                    }
                    break;
                case PAYLOAD:
                    JsonNode payload = payload(member, request.body());
                    if (payload != null) {
                        input.set(name, payload);
                    }
                    break;
                case DOCUMENT:
                    documentMembers.add(member);
                    break;
                default:
                    break;
            }
        }
        if (!documentMembers.isEmpty() && request.body().length > 0) {
            Shape inputShape = model.expectShape(operation.getInputShape());
            json.decodeMembers(inputShape, json.parse(request.body()), input, documentMembers);
        }
        return input;
    }

    private JsonNode queryValue(MemberShape member, List<String> values)
    {
        Shape target = model.expectShape(member.getTarget());
        if (target instanceof CollectionShape) {
            ArrayNode list = NODES.arrayNode();
            for (String value : values) {
                list.add(text.decode(((CollectionShape) target).getMember(), value, HttpBinding.Location.QUERY));
            }
            return list;
        }
        return text.decode(member, values.get(0), HttpBinding.Location.QUERY);
    }

    /** The catch-all map holds every parameter, also those an @httpQuery member binds as well. */
    private ObjectNode queryParams(MemberShape member, Map<String, List<String>> query)
    {
        MapShape map = model.expectShape(member.getTarget(), MapShape.class);
        Shape valueShape = model.expectShape(map.getValue().getTarget());
        ObjectNode params = NODES.objectNode();
        for (Map.Entry<String, List<String>> entry : query.entrySet()) {
            if (valueShape instanceof CollectionShape) {
                ArrayNode list = NODES.arrayNode();
                MemberShape element = ((CollectionShape) valueShape).getMember();
                entry.getValue().forEach(value -> list.add(text.decode(element, value, HttpBinding.Location.QUERY)));
                params.set(entry.getKey(), list);
            }
            else {
                params.set(entry.getKey(), text.decode(map.getValue(), entry.getValue().get(0), HttpBinding.Location.QUERY));
            }
        }
        return params;
    }

    private JsonNode headerValue(MemberShape member, String value)
    {
        Shape target = model.expectShape(member.getTarget());
        if (target instanceof CollectionShape) {
            MemberShape element = ((CollectionShape) target).getMember();
            Shape elementTarget = model.expectShape(element.getTarget());
            boolean httpDates = elementTarget.isTimestampShape()
                    && bindings.determineTimestampFormat(element, HttpBinding.Location.HEADER, Format.HTTP_DATE) == Format.HTTP_DATE;
            ArrayNode list = NODES.arrayNode();
            for (String item : httpDates ? HeaderValues.splitHttpDates(value) : HeaderValues.split(value)) {
                list.add(text.decode(element, item, HttpBinding.Location.HEADER));
            }
            return list;
        }
        return text.decode(member, value.trim(), HttpBinding.Location.HEADER);
    }

    private static ObjectNode prefixHeaders(String prefix, WireRequest request)
    {
        String lowerPrefix = prefix.toLowerCase(java.util.Locale.ROOT);
        ObjectNode headers = NODES.objectNode();
        request.headers().forEach((name, values) -> {
            if (name.startsWith(lowerPrefix) && !values.isEmpty()) {
                headers.put(name.substring(lowerPrefix.length()), String.join(", ", values));
            }
        });
        return headers;
    }

    private JsonNode payload(MemberShape member, byte[] body)
    {
        Shape target = model.expectShape(member.getTarget());
        if (body.length == 0) {
            return null;
        }
        switch (target.getType()) {
            case BLOB:
                return NODES.textNode(Base64.getEncoder().encodeToString(body));
            case STRING:
            case ENUM:
                return NODES.textNode(new String(body, StandardCharsets.UTF_8));
            default:
                JsonNode payload = json.decode(member, json.parse(body));
                // "{}" for a structure payload means the payload was not set
                return target.isStructureShape() && payload.isEmpty() ? null : payload;
        }
    }
}
