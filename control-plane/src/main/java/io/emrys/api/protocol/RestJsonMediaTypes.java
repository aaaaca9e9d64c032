package io.emrys.api.protocol;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.MediaTypeTrait;

/** Request-side Content-Type and Accept rules of the restJson1 compliance suite. */
final class RestJsonMediaTypes
{
    private static final ShapeId UNIT = ShapeId.from("smithy.api#Unit");

    private RestJsonMediaTypes() {}

    static void check(Model model, HttpBindingIndex bindings, OperationShape operation, WireRequest request)
    {
        Optional<String> expected = bindings.determineRequestContentType(operation, "application/json");
        Optional<String> contentType = request.header("content-type").map(RestJsonMediaTypes::essence);
        if (acceptsAnyContentType(model, bindings, operation)) {
            // an input without members ignores its body; a blob payload without @mediaType takes any bytes
        }
        else if (expected.isEmpty()) {
            if (contentType.isPresent() && request.body().length > 0) {
                throw ProtocolException.unsupportedMediaType(contentType.get());
            }
        }
        else if (request.body().length > 0 && !contentType.map(type -> matches(type, essence(expected.get()))).orElse(false)) {
            throw ProtocolException.unsupportedMediaType(contentType.orElse("(none)"));
        }
        Optional<String> accept = request.header("accept");
        Optional<String> produced = bindings.determineResponseContentType(operation, "application/json");
        boolean anyAccept = hasUntypedBlobPayload(model, bindings.getResponseBindings(operation, HttpBinding.Location.PAYLOAD));
        if (accept.isPresent() && produced.isPresent() && !anyAccept) {
            boolean acceptable = false;
            for (String range : accept.get().split(",")) {
                if (matches(essence(produced.get()), essence(range))) {
                    acceptable = true;
                }
            }
            if (!acceptable) {
                throw ProtocolException.notAcceptable(accept.get());
            }
        }
    }

    private static boolean acceptsAnyContentType(Model model, HttpBindingIndex bindings, OperationShape operation)
    {
        // Unit input means "no body at all"; an explicit empty structure tolerates the "{}" SDKs send
        if (!operation.getInputShape().equals(UNIT) && model.expectShape(operation.getInputShape()).members().isEmpty()) {
            return true;
        }
        return hasUntypedBlobPayload(model, bindings.getRequestBindings(operation, HttpBinding.Location.PAYLOAD));
    }

    private static boolean hasUntypedBlobPayload(Model model, List<HttpBinding> payloads)
    {
        return payloads.stream()
                .map(binding -> model.expectShape(binding.getMember().getTarget()))
                .anyMatch(target -> target.isBlobShape() && !target.hasTrait(MediaTypeTrait.class));
    }

    /** True when {@code type} falls within {@code range}, which may be {@code *}{@code /*} or {@code text/*}. */
    private static boolean matches(String type, String range)
    {
        if (range.equals("*/*") || range.equals(type)) {
            return true;
        }
        return range.endsWith("/*") && type.startsWith(range.substring(0, range.length() - 1));
    }

    private static String essence(String mediaType)
    {
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
