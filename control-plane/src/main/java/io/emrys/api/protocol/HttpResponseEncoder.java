package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.CollectionShape;
import software.amazon.smithy.model.shapes.MemberShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.ToShapeId;
import software.amazon.smithy.model.traits.MediaTypeTrait;
import software.amazon.smithy.model.traits.TimestampFormatTrait.Format;

/**
 * Writes an operation's output (or an error's members) to the wire: headers, prefix headers, the
 * {@code @httpResponseCode}, a payload member or the JSON body of the remaining members.
 */
final class HttpResponseEncoder
{
    private final Model model;
    private final HttpBindingIndex bindings;
    private final JsonDocumentEncoder json;
    private static final ShapeId UNIT = ShapeId.from("smithy.api#Unit");

    HttpResponseEncoder(Model model)
    {
        this.model = requireNonNull(model, "model is null");
        this.bindings = HttpBindingIndex.of(model);
        this.json = new JsonDocumentEncoder(model, true);
    }

    /**
     * @param shape the operation (its output is written) or an error structure
     * @param defaultStatus the {@code @http} code of the operation or the {@code @httpError} code of the error
     */
    WireResponse encode(ToShapeId shape, Shape structure, ObjectNode document, int defaultStatus, List<Map.Entry<String, String>> extraHeaders)
    {
        int status = defaultStatus;
        List<Map.Entry<String, String>> headers = new ArrayList<>(extraHeaders);
        List<MemberShape> bodyMembers = new ArrayList<>();
        MemberShape payloadMember = null;
        for (HttpBinding binding : bindings.getResponseBindings(shape).values()) {
            MemberShape member = binding.getMember();
            JsonNode value = document.get(member.getMemberName());
            switch (binding.getLocation()) {
                case RESPONSE_CODE:
                    if (value != null && value.isNumber()) {
                        status = value.intValue();
                    }
                    break;
                case HEADER:
                    if (value != null && !value.isNull()) {
                        headerValue(member, value).ifPresent(text -> headers.add(Map.entry(binding.getLocationName(), text)));
                    }
                    break;
                case PREFIX_HEADERS:
                    if (value != null && value.isObject()) {
                        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
                        while (fields.hasNext()) {
                            Map.Entry<String, JsonNode> field = fields.next();
                            headers.add(Map.entry(binding.getLocationName() + field.getKey(), field.getValue().asText()));
                        }
                    }
                    break;
                case PAYLOAD:
                    payloadMember = member;
                    break;
                case DOCUMENT:
                    bodyMembers.add(member);
                    break;
                default:
                    break;
            }
        }
        if (structure.getId().equals(UNIT)) {
            return new WireResponse(status, headers, null, new byte[0]);
        }
        if (payloadMember != null) {
            return payload(status, headers, payloadMember, document.get(payloadMember.getMemberName()));
        }
        ObjectNode body = json.encodeMembers(document, bodyMembers);
        return new WireResponse(status, headers, "application/json", write(body));
    }

    private WireResponse payload(int status, List<Map.Entry<String, String>> headers, MemberShape member, JsonNode value)
    {
        Shape target = model.expectShape(member.getTarget());
        String mediaType = target.getTrait(MediaTypeTrait.class).map(MediaTypeTrait::getValue).orElse(null);
        if (target.isBlobShape()) {
            byte[] bytes = value == null || value.isNull() ? new byte[0] : Base64.getDecoder().decode(value.asText());
            return new WireResponse(status, headers, contentType(bytes, mediaType, "application/octet-stream"), bytes);
        }
        if (target.isStringShape() || target.isEnumShape()) {
            byte[] bytes = value == null || value.isNull() ? new byte[0] : value.asText().getBytes(StandardCharsets.UTF_8);
            return new WireResponse(status, headers, contentType(bytes, mediaType, "text/plain"), bytes);
        }
        if (value == null || value.isNull()) {
            // an unset payload is an empty body, whatever its shape
            return new WireResponse(status, headers, null, new byte[0]);
        }
        return new WireResponse(status, headers, "application/json", write(json.encode(member, value)));
    }

    /** An empty restJson1 payload goes without a Content-Type, whatever the member's media type. */
    private static String contentType(byte[] body, String mediaType, String fallback)
    {
        if (body.length == 0) {
            return null;
        }
        return mediaType == null ? fallback : mediaType;
    }

    private java.util.Optional<String> headerValue(MemberShape member, JsonNode value)
    {
        Shape target = model.expectShape(member.getTarget());
        if (target instanceof CollectionShape) {
            MemberShape element = ((CollectionShape) target).getMember();
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                String text = scalarText(element, item);
                Shape elementTarget = model.expectShape(element.getTarget());
                items.add(elementTarget.isStringShape() || elementTarget.isEnumShape() ? HeaderValues.quoteIfNeeded(text) : text);
            }
            return java.util.Optional.of(String.join(", ", items));
        }
        return java.util.Optional.of(scalarText(member, value));
    }

    private String scalarText(MemberShape member, JsonNode value)
    {
        Shape target = model.expectShape(member.getTarget());
        if (target.isTimestampShape()) {
            Format format = bindings.determineTimestampFormat(member, HttpBinding.Location.HEADER, Format.HTTP_DATE);
            return WireTimestamps.formatText(Instant.parse(value.asText()), format);
        }
        if (target.isStringShape() && target.hasTrait(MediaTypeTrait.class)) {
            return Base64.getEncoder().encodeToString(value.asText().getBytes(StandardCharsets.UTF_8));
        }
        if ((target.isFloatShape() || target.isDoubleShape()) && value.isNumber()) {
            double number = value.doubleValue();
            if (Double.isNaN(number)) {
                return "NaN";
            }
            if (Double.isInfinite(number)) {
                return number > 0 ? "Infinity" : "-Infinity";
            }
        }
        return value.asText();
    }

    byte[] write(JsonNode body)
    {
        return json.write(body);
    }
}
