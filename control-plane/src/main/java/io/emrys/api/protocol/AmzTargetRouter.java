package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * Finds the operation of an awsJson1_0/awsJson1_1 service from the {@code X-Amz-Target} header, which those
 * protocols set to {@code <service shape name>.<operation name>} (for the EMR API
 * {@code ElasticMapReduce.RunJobFlow}); every such request is a POST to {@code /}. Immutable after construction.
 */
public final class AmzTargetRouter
{
    static final String TARGET_HEADER = "x-amz-target";

    private final Map<String, OperationShape> operationsByTarget = new HashMap<>();

    public AmzTargetRouter(Model model, ShapeId service)
    {
        requireNonNull(model, "model is null");
        ServiceShape serviceShape = model.expectShape(requireNonNull(service, "service is null"), ServiceShape.class);
        // the prefix is the shape's own name, not a `rename` or the sdkId: that is what SDKs send
        String prefix = serviceShape.getId().getName() + ".";
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(serviceShape)) {
            operationsByTarget.put(prefix + operation.getId().getName(serviceShape), operation);
        }
    }

    /** The operation a request names, or empty when it is not a POST to {@code /} or names no operation. */
    public Optional<OperationShape> route(String method, String rawPath, Optional<String> target)
    {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(target, "target is null");
        if (!method.equals("POST") || !rawPath.equals("/")) {
            return Optional.empty();
        }
        // the name is matched exactly, as AWS does: targets are case-sensitive
        return target.map(String::trim).map(operationsByTarget::get);
    }
}
