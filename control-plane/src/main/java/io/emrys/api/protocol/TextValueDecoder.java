package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.MediaTypeTrait;
import software.amazon.smithy.model.traits.TimestampFormatTrait.Format;

/** Reads one scalar from its text form in a label, a query parameter or a header. */
final class TextValueDecoder
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Model model;
    private final HttpBindingIndex bindings;

    TextValueDecoder(Model model)
    {
        this.model = requireNonNull(model, "model is null");
        this.bindings = HttpBindingIndex.of(model);
    }

    /** {@code member} is the bound member (or a list's member); {@code location} picks the default time format. */
    JsonNode decode(MemberShape member, String text, HttpBinding.Location location)
    {
        Shape target = model.expectShape(member.getTarget());
        switch (target.getType()) {
            case STRING:
                if (location == HttpBinding.Location.HEADER && target.hasTrait(MediaTypeTrait.class)) {
                    // a header cannot carry arbitrary text, so a @mediaType string travels base64-encoded
                    return NODES.textNode(new String(base64(text), StandardCharsets.UTF_8));
                }
                return NODES.textNode(text);
            case ENUM:
                return NODES.textNode(text);
            case BOOLEAN:
                if (text.equals("true") || text.equals("false")) {
                    return NODES.booleanNode(Boolean.parseBoolean(text));
                }
                throw ProtocolException.serialization("Expected true or false, got '" + text + "'");
            case BYTE:
                return integral(text, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT:
                return integral(text, Short.MIN_VALUE, Short.MAX_VALUE);
            case INTEGER:
            case INT_ENUM:
                return integral(text, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG:
                return integral(text, Long.MIN_VALUE, Long.MAX_VALUE);
            case BIG_INTEGER:
                if (!INTEGER.matcher(text).matches()) {
                    throw ProtocolException.serialization("Expected an integer, got '" + text + "'");
                }
                return NODES.numberNode(new BigInteger(text));
            case FLOAT:
            case DOUBLE:
                return floating(text);
            case BIG_DECIMAL:
                if (!DECIMAL.matcher(text).matches()) {
                    throw ProtocolException.serialization("Expected a number, got '" + text + "'");
                }
                return NODES.numberNode(new BigDecimal(text));
            case TIMESTAMP:
                Format fallback = location == HttpBinding.Location.HEADER ? Format.HTTP_DATE : Format.DATE_TIME;
                Format format = bindings.determineTimestampFormat(member, location, fallback);
                return NODES.textNode(WireTimestamps.parseText(text, format).toString());
            case BLOB:
                return NODES.textNode(Base64.getEncoder().encodeToString(base64(text)));
            default:
                throw ProtocolException.serialization("Cannot bind " + target.getType() + " to " + location);
        }
    }

    private static JsonNode integral(String text, long min, long max)
    {
        if (!INTEGER.matcher(text).matches()) {
            throw ProtocolException.serialization("Expected an integer, got '" + text + "'");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ProtocolException.serialization("Integer out of range: " + text);
        }
        return NODES.numberNode(value.longValue());
    }

    private static JsonNode floating(String text)
    {
        switch (text) {
            case "NaN":
                return NODES.numberNode(Double.NaN);
            case "Infinity":
                return NODES.numberNode(Double.POSITIVE_INFINITY);
            case "-Infinity":
                return NODES.numberNode(Double.NEGATIVE_INFINITY);
            default:
                if (!DECIMAL.matcher(text).matches()) {
                    throw ProtocolException.serialization("Expected a number, got '" + text + "'");
                }
                return NODES.numberNode(Double.parseDouble(text));
        }
    }

    private static byte[] base64(String text)
    {
        if (!JsonDocumentDecoder.CANONICAL_BASE64.matcher(text).matches()) {
            throw ProtocolException.serialization("Not valid base64: '" + text + "'");
        }
        try {
            return Base64.getDecoder().decode(text);
        }
        catch (IllegalArgumentException e) {
            throw ProtocolException.serialization("Not valid base64: '" + text + "'");
        }
    }
}
