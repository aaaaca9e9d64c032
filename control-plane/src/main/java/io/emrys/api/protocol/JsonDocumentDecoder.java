package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.JsonNameTrait;
import software.amazon.smithy.model.traits.SparseTrait;
import software.amazon.smithy.model.traits.TimestampFormatTrait.Format;

/**
 * Turns a JSON value of AWS's JSON protocols into the normalized document for a shape: member names instead of
 * {@code @jsonName} (restJson1 only; awsJson1_1 ignores the trait), timestamps as ISO-8601 strings (both
 * protocols default to epoch-seconds in a body), blobs as canonical base64. Any value of the wrong JSON type is
 * a {@link ProtocolException} (SerializationException), never a silently dropped member.
 */
final class JsonDocumentDecoder
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static final java.util.regex.Pattern CANONICAL_BASE64 =
            java.util.regex.Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

    private final Model model;
    private final HttpBindingIndex bindings;
    private final boolean useJsonName;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(NODES)
            .build();

    /** @param useJsonName whether members go by their {@code @jsonName} on the wire: true for restJson1, false for awsJson1_1 */
    JsonDocumentDecoder(Model model, boolean useJsonName)
    {
        this.model = requireNonNull(model, "model is null");
        this.bindings = HttpBindingIndex.of(model);
        this.useJsonName = useJsonName;
    }

    /** Parses a whole body as one JSON value; an empty or malformed body is a SerializationException. */
    JsonNode parse(byte[] body)
    {
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ProtocolException.serialization("Empty JSON body");
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw ProtocolException.serialization("Body is not valid JSON: " + e.getOriginalMessage());
        }
        catch (IOException e) {
            throw ProtocolException.serialization("Cannot read the body");
        }
    }

    /** Decodes the members of {@code structure} found in {@code body} into {@code into}. */
    void decodeMembers(Shape structure, JsonNode body, ObjectNode into, Iterable<MemberShape> members)
    {
        if (!body.isObject()) {
            throw ProtocolException.serialization("Expected a JSON object for " + structure.getId().getName());
        }
        for (MemberShape member : members) {
            JsonNode value = body.get(wireName(member, useJsonName));
            if (value != null && !value.isNull()) {
                into.set(member.getMemberName(), decode(member, value));
            }
        }
    }

    JsonNode decode(MemberShape member, JsonNode value)
    {
        Shape target = model.expectShape(member.getTarget());
        switch (target.getType()) {
            case TIMESTAMP:
                Format format = bindings.determineTimestampFormat(member, HttpBinding.Location.DOCUMENT, Format.EPOCH_SECONDS);
                return NODES.textNode(decodeTimestamp(value, format).toString());
            default:
                return decodeValue(target, value);
        }
    }

    JsonNode decodeValue(Shape target, JsonNode value)
    {
        switch (target.getType()) {
            case STRUCTURE:
                ObjectNode structure = NODES.objectNode();
                decodeMembers(target, value, structure, target.members());
                return structure;
            case UNION:
                return decodeUnion(target, value);
            case LIST:
            case SET:
                return decodeList((CollectionShape) target, value);
            case MAP:
                return decodeMap((MapShape) target, value);
            case STRING:
            case ENUM:
                return NODES.textNode(expectText(target, value));
            case BLOB:
                return NODES.textNode(decodeBase64(target, expectText(target, value)));
            case BOOLEAN:
                if (!value.isBoolean()) {
                    throw mismatch(target, value);
                }
                return value;
            case BYTE:
                return integral(target, value, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT:
                return integral(target, value, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER:
            case INT_ENUM:
                return integral(target, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG:
                return integral(target, value, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT:
            case DOUBLE:
                return floating(target, value);
            case BIG_INTEGER:
                if (!value.isIntegralNumber()) {
                    throw mismatch(target, value);
                }
                return NODES.numberNode(value.bigIntegerValue());
            case BIG_DECIMAL:
                if (!value.isNumber()) {
                    throw mismatch(target, value);
                }
                return NODES.numberNode(value.decimalValue());
            case TIMESTAMP:
                return NODES.textNode(decodeTimestamp(value, Format.EPOCH_SECONDS).toString());
            case DOCUMENT:
                return value.deepCopy();
            default:
                throw ProtocolException.serialization("Cannot read a JSON value for " + target.getType() + " " + target.getId());
        }
    }

    private JsonNode decodeUnion(Shape union, JsonNode value)
    {
        if (!value.isObject()) {
            throw mismatch(union, value);
        }
        ObjectNode result = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull() || field.getKey().equals("__type")) {
                continue;
            }
            MemberShape member = union.members().stream()
                    .filter(candidate -> wireName(candidate, useJsonName).equals(field.getKey()))
                    .findFirst()
                    .orElseThrow(() -> ProtocolException.serialization("Unknown member '" + field.getKey() + "' of union " + union.getId().getName()));
            result.set(member.getMemberName(), decode(member, field.getValue()));
        }
        if (result.size() != 1) {
            throw ProtocolException.serialization("Union " + union.getId().getName() + " must have exactly one member set, found " + result.size());
        }
        return result;
    }

    private JsonNode decodeList(CollectionShape list, JsonNode value)
    {
        if (!value.isArray()) {
            throw mismatch(list, value);
        }
        boolean sparse = list.hasTrait(SparseTrait.class);
        ArrayNode result = NODES.arrayNode();
        for (JsonNode element : value) {
            if (element.isNull()) {
                if (!sparse) {
                    throw ProtocolException.serialization("Null element in non-sparse list " + list.getId().getName());
                }
                result.addNull();
            }
            else {
                result.add(decode(list.getMember(), element));
            }
        }
        return result;
    }

    private JsonNode decodeMap(MapShape map, JsonNode value)
    {
        if (!value.isObject()) {
            throw mismatch(map, value);
        }
        boolean sparse = map.hasTrait(SparseTrait.class);
        ObjectNode result = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                if (!sparse) {
                    throw ProtocolException.serialization("Null value in non-sparse map " + map.getId().getName());
                }
                result.putNull(field.getKey());
            }
            else {
                result.set(field.getKey(), decode(map.getValue(), field.getValue()));
            }
        }
        return result;
    }

    private static JsonNode integral(Shape target, JsonNode value, long min, long max)
    {
        if (!value.isIntegralNumber()) {
            throw mismatch(target, value);
        }
        BigInteger number = value.bigIntegerValue();
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ProtocolException.serialization("Number " + number + " is out of range for " + target.getType());
        }
        return NODES.numberNode(number.longValue());
    }

    private static JsonNode floating(Shape target, JsonNode value)
    {
        if (value.isTextual()) {
            switch (value.textValue()) {
                case "NaN":
                    return NODES.numberNode(Double.NaN);
                case "Infinity":
                    return NODES.numberNode(Double.POSITIVE_INFINITY);
                case "-Infinity":
                    return NODES.numberNode(Double.NEGATIVE_INFINITY);
                default:
                    throw mismatch(target, value);
            }
        }
        if (!value.isNumber()) {
            throw mismatch(target, value);
        }
        return NODES.numberNode(value.doubleValue());
    }

    private static java.time.Instant decodeTimestamp(JsonNode value, Format format)
    {
        if (format == Format.EPOCH_SECONDS) {
            if (!value.isNumber()) {
                throw ProtocolException.serialization("Expected epoch seconds as a JSON number, got " + value.getNodeType());
            }
            return WireTimestamps.fromEpochSeconds(value.isIntegralNumber() ? new BigDecimal(value.bigIntegerValue()) : value.decimalValue());
        }
        if (!value.isTextual()) {
            throw ProtocolException.serialization("Expected a " + format + " timestamp string, got " + value.getNodeType());
        }
        return WireTimestamps.parseText(value.textValue(), format);
    }

    static String decodeBase64(Shape target, String text)
    {
        // java.util.Base64 accepts missing padding; the wire format requires it
        if (!CANONICAL_BASE64.matcher(text).matches()) {
            throw ProtocolException.serialization("Value of " + target.getId().getName() + " is not valid base64");
        }
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text));
        }
        catch (IllegalArgumentException e) {
            throw ProtocolException.serialization("Value of " + target.getId().getName() + " is not valid base64");
        }
    }

    private static String expectText(Shape target, JsonNode value)
    {
        if (!value.isTextual()) {
            throw mismatch(target, value);
        }
        return value.textValue();
    }

    private static ProtocolException mismatch(Shape target, JsonNode value)
    {
        return ProtocolException.serialization("Expected " + target.getType() + " for " + target.getId().getName() + ", got JSON " + value.getNodeType());
    }

    static String wireName(MemberShape member, boolean useJsonName)
    {
        if (!useJsonName) {
            return member.getMemberName();
        }
        return member.getTrait(JsonNameTrait.class).map(JsonNameTrait::getValue).orElse(member.getMemberName());
    }
}
