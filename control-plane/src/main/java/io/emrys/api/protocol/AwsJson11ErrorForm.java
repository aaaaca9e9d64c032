package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.shapes.StructureShape;

/**
 * awsJson1_1 errors: the shape's name in the body's {@code __type}, which is where the protocol's clients look
 * for it, followed by every member in the body (HTTP binding traits mean nothing in this protocol).
 */
final class AwsJson11ErrorForm
        implements ErrorWireForm
{
    private final JsonDocumentEncoder encoder;

    AwsJson11ErrorForm(JsonDocumentEncoder encoder)
    {
        this.encoder = requireNonNull(encoder, "encoder is null");
    }

    @Override
    public WireResponse unmodeled(int status, String name, String message, List<Map.Entry<String, String>> headers)
    {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("__type", name).put("message", message);
        return new WireResponse(status, headers, AwsJson11Codec.CONTENT_TYPE, encoder.write(body));
    }

    @Override
    public WireResponse modeled(StructureShape error, String name, int status, ObjectNode document, List<Map.Entry<String, String>> headers)
    {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("__type", name);
        body.setAll(encoder.encodeMembers(document, error.members()));
        return new WireResponse(status, headers, AwsJson11Codec.CONTENT_TYPE, encoder.write(body));
    }
}
