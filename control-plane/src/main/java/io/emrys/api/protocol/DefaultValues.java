package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.node.Node;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MapShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.traits.DefaultTrait;
import software.amazon.smithy.model.traits.StreamingTrait;

/**
 * Fills members that carry a Smithy 2.0 {@code @default} and are absent, in every structure of a normalized
 * document: the server's half of the defaults contract, so that handlers see the modeled value and clients
 * receive it.
 */
final class DefaultValues
{
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Model model;

    DefaultValues(Model model)
    {
        this.model = requireNonNull(model, "model is null");
    }

    void fill(Shape shape, JsonNode value)
    {
        if (value == null || value.isNull()) {
            return;
        }
        if (shape.isStructureShape() && value.isObject()) {
            ObjectNode object = (ObjectNode) value;
            for (MemberShape member : shape.members()) {
                // a @streaming blob is the body itself, not a member value with a default
                if (!object.has(member.getMemberName()) && !model.expectShape(member.getTarget()).hasTrait(StreamingTrait.class)) {
                    member.getTrait(DefaultTrait.class)
                            .filter(trait -> !trait.toNode().isNullNode())
                            .ifPresent(trait -> object.set(member.getMemberName(), normalized(model.expectShape(member.getTarget()), trait.toNode())));
                }
                fill(model.expectShape(member.getTarget()), object.get(member.getMemberName()));
            }
        }
        else if (shape.isUnionShape() && value.isObject()) {
            shape.members().forEach(member -> fill(model.expectShape(member.getTarget()), value.get(member.getMemberName())));
        }
        else if (shape instanceof CollectionShape && value.isArray()) {
            Shape element = model.expectShape(((CollectionShape) shape).getMember().getTarget());
            value.forEach(item -> fill(element, item));
        }
        else if (shape instanceof MapShape && value.isObject()) {
            Shape mapValue = model.expectShape(((MapShape) shape).getValue().getTarget());
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                fill(mapValue, fields.next().getValue());
            }
        }
    }

    /** A default as the normalized form holds it: blobs stay base64 (as the model writes them), times ISO-8601. */
    private static JsonNode normalized(Shape target, Node node)
    {
        if (target.isTimestampShape()) {
            if (node.isNumberNode()) {
                return NODES.textNode(WireTimestamps.fromEpochSeconds(new BigDecimal(node.expectNumberNode().getValue().toString())).toString());
            }
            return NODES.textNode(Instant.parse(node.expectStringNode().getValue()).toString());
        }
        if ((target.isFloatShape() || target.isDoubleShape()) && node.isNumberNode()) {
            return NODES.numberNode(node.expectNumberNode().getValue().doubleValue());
        }
        try {
            return MAPPER.readTree(Node.printJson(node));
        }
        catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
