package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
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
 * The one place where failures become wire errors: {@link ErrorCode} to the service's modeled error shape (named
 * by the service's {@link ServiceErrors}), its {@code @httpError} status (or 400/500 by {@code @error}) and its
 * members; the protocol's {@link ErrorWireForm} only writes them. The text of anything that is not a user-facing
 * {@link EmrysException} is logged and replaced, never sent.
 */
final class ErrorMapper
{
    private static final Logger log = LoggerFactory.getLogger(ErrorMapper.class);
    private static final String INTERNAL_MESSAGE = "An internal error occurred. Retry the request later.";

    private final ShapeId service;
    private final ServiceErrors serviceErrors;
    private final ValidationStyle validationStyle;
    private final ErrorWireForm wireForm;
    private final Map<String, StructureShape> errorsByName = new HashMap<>();

    ErrorMapper(Model model, ShapeId service, ServiceErrors serviceErrors, ValidationStyle validationStyle, ErrorWireForm wireForm)
    {
        requireNonNull(model, "model is null");
        this.service = requireNonNull(service, "service is null");
        this.serviceErrors = requireNonNull(serviceErrors, "serviceErrors is null");
        this.validationStyle = requireNonNull(validationStyle, "validationStyle is null");
        this.wireForm = requireNonNull(wireForm, "wireForm is null");
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
            case CONFLICT, ALREADY_EXISTS, DELETE_CONFLICT -> 409;
            case ACCESS_DENIED -> 403;
            case MALFORMED_POLICY -> 400;
            case SERVICE_QUOTA_EXCEEDED -> 402;
            case INTERNAL -> 500;
        };
    }

    WireResponse toResponse(Throwable failure, List<Map.Entry<String, String>> headers)
    {
        if (failure instanceof ProtocolException) {
            ProtocolException protocol = (ProtocolException) failure;
            return wireForm.unmodeled(protocol.status(), protocol.errorType(), protocol.getMessage(), headers);
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
            int status = serviceErrors.unmodeledStatus(code).orElse(fallbackStatus(code));
            return wireForm.unmodeled(status, name, document.path("message").asText(), headers);
        }
        StructureShape error = shape.get();
        int status = error.getTrait(HttpErrorTrait.class).map(HttpErrorTrait::getCode)
                .orElseGet(() -> error.getTrait(ErrorTrait.class).map(trait -> trait.isClientError() ? 400 : 500).orElse(500));
        return wireForm.modeled(error, name, status, withMessageMember(error, document), headers);
    }

    /**
     * The text goes into the shape's own message member: EMR Serverless spells it {@code message}, the EMR API
     * {@code Message}; a shape without one carries no text.
     */
    private static ObjectNode withMessageMember(StructureShape error, ObjectNode document)
    {
        JsonNode message = document.get("message");
        Optional<String> member = error.getMemberNames().stream().filter(name -> name.equalsIgnoreCase("message")).findFirst();
        if (message == null || member.isEmpty() || member.get().equals("message")) {
            return document;
        }
        ObjectNode renamed = document.deepCopy();
        renamed.remove("message");
        renamed.set(member.get(), message);
        return renamed;
    }
}
