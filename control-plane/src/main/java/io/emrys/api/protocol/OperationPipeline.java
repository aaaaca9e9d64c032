package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Caller;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.Shape;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * The protocol-neutral part of serving one modeled operation: fill {@code @default}s, check the model's
 * constraints, find the handler, call it with the caller, and fill the output's defaults. It sees only
 * normalized documents, never HTTP or a wire's JSON, so every protocol codec shares it. Immutable and
 * thread-safe.
 */
final class OperationPipeline
{
    private final Model model;
    private final ServiceShape service;
    private final Map<String, OperationHandler> handlers;
    private final DefaultValues defaults;
    private final ConstraintValidator validator;

    OperationPipeline(Model model, ShapeId service, Map<String, OperationHandler> handlers)
    {
        this.model = requireNonNull(model, "model is null");
        this.service = model.expectShape(requireNonNull(service, "service is null"), ServiceShape.class);
        this.handlers = Map.copyOf(requireNonNull(handlers, "handlers is null"));
        this.defaults = new DefaultValues(model);
        this.validator = new ConstraintValidator(model);
    }

    /**
     * @param caller the authenticated caller, or empty when none was established (an internal error)
     * @param sourceAddress the client's IP address
     * @return the output document, defaults filled
     * @throws ValidationFailure when the input breaks the model's constraints
     * @throws EmrysException what the handler threw, or INTERNAL when no handler or caller is there
     */
    ObjectNode invoke(OperationShape operation, ObjectNode input, Optional<Caller> caller, String requestId, String sourceAddress)
    {
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
        ObjectNode output = handler.handle(new OperationCall(name, input, who, requestId, sourceAddress));
        if (output == null) {
            throw new EmrysException(ErrorCode.INTERNAL, "Handler of " + name + " returned null");
        }
        defaults.fill(model.expectShape(operation.getOutputShape()), output);
        return output;
    }
}
