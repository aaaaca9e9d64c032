package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.TimestampFormatTrait.Format;

/**
 * Writes a normalized document as the JSON of AWS's JSON protocols: {@code @jsonName} (restJson1 only), timestamp
 * formats, non-finite floats.
 */
final class JsonDocumentEncoder
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final Model model;
    private final HttpBindingIndex bindings;
    private final boolean useJsonName;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    /** @param useJsonName whether members go by their {@code @jsonName} on the wire: true for restJson1, false for awsJson1_1 */
    JsonDocumentEncoder(Model model, boolean useJsonName)
    {
        this.model = requireNonNull(model, "model is null");
        this.bindings = HttpBindingIndex.of(model);
        this.useJsonName = useJsonName;
    }

    byte[] write(JsonNode body)
    {
        try {
            return mapper.writeValueAsBytes(body);
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the given members of a structure; the handler's unknown keys are dropped, not echoed. */
    ObjectNode encodeMembers(JsonNode document, Iterable<MemberShape> members)
    {
        ObjectNode body = NODES.objectNode();
        for (MemberShape member : members) {
            JsonNode value = document.get(member.getMemberName());
            if (value != null && !value.isNull()) {
                body.set(JsonDocumentDecoder.wireName(member, useJsonName), encode(member, value));
            }
        }
        return body;
    }

    JsonNode encode(MemberShape member, JsonNode value)
    {
        Shape target = model.expectShape(member.getTarget());
        if (target.isTimestampShape()) {
            Format format = bindings.determineTimestampFormat(member, HttpBinding.Location.DOCUMENT, Format.EPOCH_SECONDS);
            Instant instant = Instant.parse(value.asText());
            if (format == Format.EPOCH_SECONDS) {
                return NODES.numberNode(WireTimestamps.toEpochSeconds(instant));
            }
            return NODES.textNode(WireTimestamps.formatText(instant, format));
        }
        switch (target.getType()) {
            case STRUCTURE:
            case UNION:
                return encodeMembers(value, target.members());
            case LIST:
            case SET:
                ArrayNode list = NODES.arrayNode();
                MemberShape element = ((CollectionShape) target).getMember();
                for (JsonNode item : value) {
                    list.add(item.isNull() ? NODES.nullNode() : encode(element, item));
                }
                return list;
            case MAP:
                ObjectNode map = NODES.objectNode();
                MemberShape mapValue = ((MapShape) target).getValue();
                Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    map.set(field.getKey(), field.getValue().isNull() ? NODES.nullNode() : encode(mapValue, field.getValue()));
                }
                return map;
            case FLOAT:
            case DOUBLE:
                return encodeFloating(value);
            default:
                return value;
        }
    }

    private static JsonNode encodeFloating(JsonNode value)
    {
        if (value.isTextual()) {
            return value;
        }
        double number = value.doubleValue();
        if (Double.isNaN(number)) {
            return NODES.textNode("NaN");
        }
        if (Double.isInfinite(number)) {
            return NODES.textNode(number > 0 ? "Infinity" : "-Infinity");
        }
        return value;
    }
}
