package io.emrys.api.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.node.StringNode;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;

/**
 * Converts a compliance case's {@code params} (Smithy node values: blobs as raw text, timestamps as epoch
 * seconds) into the normalized document our handlers see, so that both sides compare in one form.
 */
final class TestParams
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Model model;

    TestParams(Model model)
    {
        this.model = model;
    }

    ObjectNode normalize(Shape structure, software.amazon.smithy.model.node.ObjectNode params)
    {
        return (ObjectNode) value(structure, params);
    }

    private JsonNode value(Shape shape, Node node)
    {
        if (node.isNullNode()) {
            return NODES.nullNode();
        }
        switch (shape.getType()) {
            case STRUCTURE:
            case UNION:
                ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, Node> entry : node.expectObjectNode().getStringMap().entrySet()) {
                    MemberShape member = shape.getMember(entry.getKey())
                            .orElseThrow(() -> new IllegalArgumentException("No member " + entry.getKey() + " in " + shape.getId()));
                    object.set(entry.getKey(), value(model.expectShape(member.getTarget()), entry.getValue()));
                }
                return object;
            case LIST:
            case SET:
                ArrayNode array = NODES.arrayNode();
                Shape element = model.expectShape(((CollectionShape) shape).getMember().getTarget());
                node.expectArrayNode().getElements().forEach(item -> array.add(value(element, item)));
                return array;
            case MAP:
                ObjectNode map = NODES.objectNode();
                Shape mapValue = model.expectShape(((MapShape) shape).getValue().getTarget());
                node.expectObjectNode().getStringMap().forEach((key, item) -> map.set(key, value(mapValue, item)));
                return map;
            case BLOB:
                return NODES.textNode(Base64.getEncoder().encodeToString(node.expectStringNode().getValue().getBytes(StandardCharsets.UTF_8)));
            case TIMESTAMP:
                if (node.isStringNode()) {
                    return NODES.textNode(Instant.parse(node.expectStringNode().getValue()).toString());
                }
                return NODES.textNode(WireTimestamps.fromEpochSeconds(new BigDecimal(node.expectNumberNode().getValue().toString())).toString());
            case FLOAT:
            case DOUBLE:
                if (node.isStringNode()) {
                    return NODES.numberNode(Double.parseDouble(((StringNode) node).getValue()));
                }
                return NODES.numberNode(node.expectNumberNode().getValue().doubleValue());
            case BYTE:
            case SHORT:
            case INTEGER:
            case LONG:
            case INT_ENUM:
                return NODES.numberNode(node.expectNumberNode().getValue().longValue());
            case BIG_INTEGER:
            case BIG_DECIMAL:
                return NODES.numberNode(new BigDecimal(node.expectNumberNode().getValue().toString()));
            case BOOLEAN:
                return NODES.booleanNode(node.expectBooleanNode().getValue());
            case STRING:
            case ENUM:
                return NODES.textNode(node.expectStringNode().getValue());
            case DOCUMENT:
                try {
                    return MAPPER.readTree(Node.printJson(node));
                }
                catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            default:
                throw new IllegalArgumentException("Unsupported shape in params: " + shape.getType());
        }
    }

    /** Equality of normalized documents where numbers compare by value (1 == 1.0) and NaN equals NaN. */
    static boolean same(JsonNode expected, JsonNode actual)
    {
        if (expected.isNumber() && actual.isNumber()) {
            double left = expected.doubleValue();
            double right = actual.doubleValue();
            if (Double.isNaN(left) || Double.isNaN(right) || Double.isInfinite(left) || Double.isInfinite(right)) {
                return Double.compare(left, right) == 0;
            }
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = actual.get(field.getKey());
                if (other == null || !same(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int index = 0; index < expected.size(); index++) {
                if (!same(expected.get(index), actual.get(index))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }
}
