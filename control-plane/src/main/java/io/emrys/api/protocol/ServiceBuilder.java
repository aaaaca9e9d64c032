package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import io.emrys.api.auth.AuthAttributes;
import io.emrys.common.Caller;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * What every protocol's service is built from: the model, the service shape, its error names, the handlers by
 * operation name and the options all protocols share. Each protocol's builder adds its own wire options.
 *
 * @param <B> the protocol's builder, returned by every setter
 */
public abstract class ServiceBuilder<B extends ServiceBuilder<B>>
{
    final Model model;
    final ShapeId service;
    final ServiceErrors errors;
    private final Map<String, OperationHandler> handlers = new HashMap<>();
    ValidationStyle validationStyle = ValidationStyle.AWS;
    private Caller defaultCaller;
    private Supplier<String> requestIds = () -> UUID.randomUUID().toString();

    ServiceBuilder(Model model, ShapeId service, ServiceErrors errors)
    {
        this.model = requireNonNull(model, "model is null");
        this.service = requireNonNull(service, "service is null");
        this.errors = requireNonNull(errors, "errors is null");
    }

    abstract B self();

    /** @param operationName the operation's shape name, e.g. {@code CreateApplication} */
    public B handler(String operationName, OperationHandler handler)
    {
        handlers.put(requireNonNull(operationName, "operationName is null"), requireNonNull(handler, "handler is null"));
        return self();
    }

    public B handlers(Map<String, OperationHandler> byOperationName)
    {
        byOperationName.forEach(this::handler);
        return self();
    }

    /** {@link ValidationStyle#AWS} (the default) for AWS services, SMITHY_FRAMEWORK for smithy.framework errors. */
    public B validationStyle(ValidationStyle style)
    {
        this.validationStyle = requireNonNull(style, "style is null");
        return self();
    }

    /** The caller to assume when no authentication decorator set {@link AuthAttributes#CALLER}; tests only. */
    public B defaultCaller(Caller caller)
    {
        this.defaultCaller = requireNonNull(caller, "caller is null");
        return self();
    }

    public B requestIds(Supplier<String> supplier)
    {
        this.requestIds = requireNonNull(supplier, "supplier is null");
        return self();
    }

    /** The Armeria side of the service described so far, speaking the protocol of {@code codec}. */
    ArmeriaAdapter adapter(ProtocolCodec codec)
    {
        OperationPipeline pipeline = new OperationPipeline(model, service, handlers);
        return new ArmeriaAdapter(new ProtocolDispatcher(codec, pipeline), Optional.ofNullable(defaultCaller), requestIds);
    }
}
