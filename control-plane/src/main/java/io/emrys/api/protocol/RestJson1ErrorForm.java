package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.shapes.StructureShape;

/**
 * restJson1 errors: the name in {@code X-Amzn-ErrorType} and in the body's {@code __type}, members by their HTTP
 * bindings (an error may bind headers).
 */
final class RestJson1ErrorForm
        implements ErrorWireForm
{
    static final String ERROR_TYPE_HEADER = "X-Amzn-ErrorType";

    private final HttpResponseEncoder encoder;

    RestJson1ErrorForm(HttpResponseEncoder encoder)
    {
        this.encoder = requireNonNull(encoder, "encoder is null");
    }

    @Override
    public WireResponse unmodeled(int status, String name, String message, List<Map.Entry<String, String>> headers)
    {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("__type", name).put("message", message);
        return new WireResponse(status, withType(headers, name), "application/json", encoder.write(body));
    }

    @Override
    public WireResponse modeled(StructureShape error, String name, int status, ObjectNode document, List<Map.Entry<String, String>> headers)
    {
        WireResponse encoded = encoder.encode(error, error, document, status, withType(headers, name));
        return withTypeInBody(encoded, name);
    }

    private static List<Map.Entry<String, String>> withType(List<Map.Entry<String, String>> headers, String name)
    {
        List<Map.Entry<String, String>> withType = new ArrayList<>(headers);
        withType.add(Map.entry(ERROR_TYPE_HEADER, name));
        return withType;
    }

    private static WireResponse withTypeInBody(WireResponse encoded, String name)
    {
        // botocore and the CLI also read the code from the body's __type; it goes first, as AWS writes it
        String json = new String(encoded.body(), StandardCharsets.UTF_8);
        if (!"application/json".equals(encoded.contentType()) || !json.startsWith("{")) {
            return encoded;
        }
        String prefix = "{\"__type\":\"" + name + "\"" + (json.equals("{}") ? "" : ",");
        byte[] body = (prefix + json.substring(1)).getBytes(StandardCharsets.UTF_8);
        return new WireResponse(encoded.status(), encoded.headers(), encoded.contentType(), body);
    }
}
