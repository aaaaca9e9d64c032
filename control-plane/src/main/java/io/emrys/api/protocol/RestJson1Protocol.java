package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.auth.Caller;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.HttpBinding;
import software.amazon.smithy.model.knowledge.HttpBindingIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.HttpTrait;
import software.amazon.smithy.model.traits.MediaTypeTrait;

/**
 * The framework-independent request pipeline of one restJson1 service: route, check media types, decode,
 * validate, call the operation's handler, encode the output or the error. Immutable and thread-safe.
 */
final class RestJson1Protocol
{
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";
    private static final ShapeId UNIT = ShapeId.from("smithy.api#Unit");

    private final Model model;
    private final ServiceShape service;
    private final Map<String, OperationHandler> handlers;
    private final boolean strictMediaTypes;
    private final RestJsonRouter router;
    private final HttpBindingIndex bindings;
    private final HttpRequestDecoder decoder;
    private final ConstraintValidator validator;
    private final HttpResponseEncoder encoder;
    private final ErrorMapper errors;
    private final DefaultValues defaults;

    RestJson1Protocol(Model model, ShapeId service, Map<String, OperationHandler> handlers, ValidationStyle validationStyle, boolean strictMediaTypes)
    {
        this.model = requireNonNull(model, "model is null");
        this.service = model.expectShape(requireNonNull(service, "service is null"), ServiceShape.class);
        this.handlers = Map.copyOf(requireNonNull(handlers, "handlers is null"));
        this.strictMediaTypes = strictMediaTypes;
        this.router = new RestJsonRouter(model, service);
        this.bindings = HttpBindingIndex.of(model);
        this.decoder = new HttpRequestDecoder(model);
        this.validator = new ConstraintValidator(model);
        this.encoder = new HttpResponseEncoder(model);
        this.errors = new ErrorMapper(model, service, validationStyle, encoder);
        this.defaults = new DefaultValues(model);
    }

    /** @param caller the authenticated caller, or empty when none was established (an internal error) */
    WireResponse handle(WireRequest request, Optional<Caller> caller, String requestId)
    {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry(REQUEST_ID_HEADER, requestId));
        try {
            RouteMatch route = router.route(request.method(), request.rawPath(), request.query())
                    .orElseThrow(() -> ProtocolException.unknownOperation(request.method(), request.rawPath()));
            OperationShape operation = route.operation();
            if (strictMediaTypes) {
                MediaTypes.check(model, bindings, operation, request);
            }
            ObjectNode input = decoder.decode(route, request);
            Shape inputShape = model.expectShape(operation.getInputShape());
            defaults.fill(inputShape, input);
            List<Violation> violations = validator.validate(inputShape, input);
            if (!violations.isEmpty()) {
                throw new ValidationFailure(violations);
            }
            String name = operation.getId().getName(service);
            OperationHandler handler = handlers.get(name);
            if (handler == null) {
                throw new EmrysException(ErrorCode.INTERNAL, "No handler is registered for operation " + name);
            }
            Caller who = caller.orElseThrow(() -> new EmrysException(ErrorCode.INTERNAL, "No authenticated caller on the request context"));
            ObjectNode output = handler.handle(new OperationCall(name, input, who, requestId));
            if (output == null) {
                throw new EmrysException(ErrorCode.INTERNAL, "Handler of " + name + " returned null");
            }
            int status = operation.expectTrait(HttpTrait.class).getCode();
            Shape outputShape = model.expectShape(operation.getOutputShape());
            defaults.fill(outputShape, output);
            return encoder.encode(operation, outputShape, output, status, headers);
        }
        catch (RuntimeException e) {
            return errors.toResponse(e, headers);
        }
    }

    /** Request-side Content-Type and Accept rules of the restJson1 compliance suite. */
    static final class MediaTypes
    {
        private MediaTypes() {}

        static void check(Model model, HttpBindingIndex bindings, OperationShape operation, WireRequest request)
        {
            Optional<String> expected = bindings.determineRequestContentType(operation, "application/json");
            Optional<String> contentType = request.header("content-type").map(MediaTypes::essence);
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
}
