package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.HttpTrait;

/**
 * The restJson1 wire form of one service: routes by method and path ({@code @http}), checks media types when
 * asked to, decodes labels, query, headers and JSON body into the normalized input, and writes outputs by
 * their HTTP bindings and errors through {@link ErrorMapper}. Immutable and thread-safe.
 */
final class RestJson1Codec
        implements ProtocolCodec
{
    private final Model model;
    private final boolean strictMediaTypes;
    private final RestJsonRouter router;
    private final HttpBindingIndex bindings;
    private final HttpRequestDecoder decoder;
    private final HttpResponseEncoder encoder;
    private final ErrorMapper errors;

    RestJson1Codec(Model model, ShapeId service, ServiceErrors serviceErrors, ValidationStyle validationStyle, boolean strictMediaTypes)
    {
        this.model = requireNonNull(model, "model is null");
        this.strictMediaTypes = strictMediaTypes;
        this.router = new RestJsonRouter(model, requireNonNull(service, "service is null"));
        this.bindings = HttpBindingIndex.of(model);
        this.decoder = new HttpRequestDecoder(model);
        this.encoder = new HttpResponseEncoder(model);
        this.errors = new ErrorMapper(model, service, serviceErrors, validationStyle, new RestJson1ErrorForm(encoder));
    }

    @Override
    public DecodedCall decode(WireRequest request)
    {
        RouteMatch route = router.route(request.method(), request.rawPath(), request.query())
                .orElseThrow(() -> ProtocolException.unknownOperation(request.method(), request.rawPath()));
        if (strictMediaTypes) {
            RestJsonMediaTypes.check(model, bindings, route.operation(), request);
        }
        return new DecodedCall(route.operation(), decoder.decode(route, request));
    }

    @Override
    public WireResponse encodeOutput(OperationShape operation, ObjectNode output, List<Map.Entry<String, String>> headers)
    {
        int status = operation.expectTrait(HttpTrait.class).getCode();
        return encoder.encode(operation, model.expectShape(operation.getOutputShape()), output, status, headers);
    }

    @Override
    public WireResponse encodeError(Throwable failure, List<Map.Entry<String, String>> headers)
    {
        return errors.toResponse(failure, headers);
    }
}
