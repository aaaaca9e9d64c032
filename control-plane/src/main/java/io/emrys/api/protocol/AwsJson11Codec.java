package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.smithy.aws.traits.protocols.AwsJson1_1Trait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * The awsJson1_1 wire form of one service (the EMR API): every request is a POST to {@code /} naming its operation
 * in {@code X-Amz-Target}, the whole input is the JSON body and the whole output the JSON body of a 200; HTTP
 * binding traits and {@code @jsonName} mean nothing here. Errors go through {@link ErrorMapper} with
 * {@link AwsJson11ErrorForm}. Immutable and thread-safe.
 */
final class AwsJson11Codec
        implements ProtocolCodec
{
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final ShapeId UNIT = ShapeId.from("smithy.api#Unit");

    private final Model model;
    private final AmzTargetRouter router;
    private final JsonDocumentDecoder decoder;
    private final JsonDocumentEncoder encoder;
    private final ErrorMapper errors;

    AwsJson11Codec(Model model, ShapeId service, ServiceErrors serviceErrors, ValidationStyle validationStyle)
    {
        this.model = requireNonNull(model, "model is null");
        ServiceShape serviceShape = model.expectShape(requireNonNull(service, "service is null"), ServiceShape.class);
        if (!serviceShape.hasTrait(AwsJson1_1Trait.class)) {
            throw new IllegalArgumentException("Service " + service + " is not declared @awsJson1_1 in its model");
        }
        this.router = new AmzTargetRouter(model, service);
        this.decoder = new JsonDocumentDecoder(model, false);
        this.encoder = new JsonDocumentEncoder(model, false);
        this.errors = new ErrorMapper(model, service, serviceErrors, validationStyle, new AwsJson11ErrorForm(encoder));
    }

    /**
     * The Content-Type is not checked: SDKs and the CLI always send {@code application/x-amz-json-1.1}, and the
     * protocol has no malformed-request cases that ask a server to refuse another; what only AWS's multi-protocol
     * front ends need it for, telling protocols apart, a service of ours does not do.
     */
    @Override
    public DecodedCall decode(WireRequest request)
    {
        Optional<String> target = request.header(AmzTargetRouter.TARGET_HEADER);
        OperationShape operation = router.route(request.method(), request.rawPath(), target)
                .orElseThrow(() -> ProtocolException.unknownTarget(request.method(), request.rawPath(), target));
        Shape input = model.expectShape(operation.getInputShape());
        ObjectNode document = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        // servers must take no body at all like "{}" (json_1_1_service_supports_empty_payload_for_no_input_shape)
        if (request.body().length > 0) {
            decoder.decodeMembers(input, decoder.parse(request.body()), document, input.members());
        }
        return new DecodedCall(operation, document);
    }

    @Override
    public WireResponse encodeOutput(OperationShape operation, ObjectNode output, List<Map.Entry<String, String>> headers)
    {
        // an operation without output answers with no body, but still names the protocol in Content-Type
        if (operation.getOutputShape().equals(UNIT)) {
            return new WireResponse(200, headers, CONTENT_TYPE, new byte[0]);
        }
        Shape outputShape = model.expectShape(operation.getOutputShape());
        return new WireResponse(200, headers, CONTENT_TYPE, encoder.write(encoder.encodeMembers(output, outputShape.members())));
    }

    @Override
    public WireResponse encodeError(Throwable failure, List<Map.Entry<String, String>> headers)
    {
        return errors.toResponse(failure, headers);
    }
}
