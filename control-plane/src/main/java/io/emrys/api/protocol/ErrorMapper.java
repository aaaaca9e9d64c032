package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.shapes.StructureShape;
import software.amazon.smithy.model.traits.ErrorTrait;
import software.amazon.smithy.model.traits.HttpErrorTrait;

/**
 * The one place where failures become restJson1 errors: {@link ErrorCode} to the service's modeled error shape
 * (named by the service's {@link ServiceErrors}), its {@code @httpError} status, {@code X-Amzn-ErrorType} and a body with {@code __type}. The text of anything
 * that is not a user-facing {@link EmrysException} is logged and replaced, never sent.
 */
final class ErrorMapper
{
    static final String ERROR_TYPE_HEADER = "X-Amzn-ErrorType";
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    private static final String INTERNAL_MESSAGE = "An internal error occurred. Retry the request later.";

    private final ShapeId service;
    private final ServiceErrors serviceErrors;
    private final ValidationStyle validationStyle;
    private final HttpResponseEncoder encoder;
    private final Map<String, StructureShape> errorsByName = new HashMap<>();

    ErrorMapper(Model model, ShapeId service, ServiceErrors serviceErrors, ValidationStyle validationStyle, HttpResponseEncoder encoder)
    {
        requireNonNull(model, "model is null");
        this.service = requireNonNull(service, "service is null");
        this.serviceErrors = requireNonNull(serviceErrors, "serviceErrors is null");
        this.validationStyle = requireNonNull(validationStyle, "validationStyle is null");
        this.encoder = requireNonNull(encoder, "encoder is null");
        ServiceShape serviceShape = model.expectShape(service, ServiceShape.class);
        List<ShapeId> errorIds = new ArrayList<>(serviceShape.getErrors());
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(service)) {
            errorIds.addAll(operation.getErrors());
        }
        for (ShapeId id : errorIds) {
            StructureShape error = model.expectShape(id, StructureShape.class);
            errorsByName.putIfAbsent(error.getId().getName(serviceShape), error);
        }
    }

    /** The status when the model lacks the error shape; exhaustive, so a new code fails to compile here. */
    private static int fallbackStatus(ErrorCode code)
    {
        return switch (code) {
            case VALIDATION -> 400;
            case RESOURCE_NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case SERVICE_QUOTA_EXCEEDED -> 402;
            case INTERNAL -> 500;
        };
    }

    WireResponse toResponse(Throwable failure, List<Map.Entry<String, String>> headers)
    {
        if (failure instanceof ProtocolException) {
            ProtocolException protocol = (ProtocolException) failure;
            return plain(protocol.status(), protocol.errorType(), protocol.getMessage(), headers);
        }
        if (failure instanceof ValidationFailure) {
            ObjectNode document = validationStyle.document(((ValidationFailure) failure).violations());
            return modeled(ErrorCode.VALIDATION, document, headers);
        }
        if (failure instanceof EmrysException && ((EmrysException) failure).code() != ErrorCode.INTERNAL) {
            ObjectNode document = JsonNodeFactory.instance.objectNode().put("message", failure.getMessage());
            return modeled(((EmrysException) failure).code(), document, headers);
        }
        log.error("Internal error while serving {}", service, failure);
        ObjectNode document = JsonNodeFactory.instance.objectNode().put("message", INTERNAL_MESSAGE);
        return modeled(ErrorCode.INTERNAL, document, headers);
    }

    private WireResponse modeled(ErrorCode code, ObjectNode document, List<Map.Entry<String, String>> headers)
    {
        String name = serviceErrors.errorName(code);
        Optional<StructureShape> shape = Optional.ofNullable(errorsByName.get(name));
        if (shape.isEmpty()) {
            return plain(fallbackStatus(code), name, document.path("message").asText(), headers);
        }
        StructureShape error = shape.get();
        int status = error.getTrait(HttpErrorTrait.class).map(HttpErrorTrait::getCode)
                .orElseGet(() -> error.getTrait(ErrorTrait.class).map(trait -> trait.isClientError() ? 400 : 500).orElse(500));
        List<Map.Entry<String, String>> withType = new ArrayList<>(headers);
        withType.add(Map.entry(ERROR_TYPE_HEADER, name));
        WireResponse encoded = encoder.encode(error, error, document, status, withType);
        return withTypeInBody(encoded, name);
    }

    private WireResponse plain(int status, String name, String message, List<Map.Entry<String, String>> headers)
    {
        List<Map.Entry<String, String>> withType = new ArrayList<>(headers);
        withType.add(Map.entry(ERROR_TYPE_HEADER, name));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("__type", name).put("message", message);
        return new WireResponse(status, withType, "application/json", encoder.write(body));
    }

    private WireResponse withTypeInBody(WireResponse encoded, String name)
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
