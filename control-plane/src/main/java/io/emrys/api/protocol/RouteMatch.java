package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import software.amazon.smithy.model.shapes.OperationShape;

/** The operation a request was routed to and its decoded {@code @httpLabel} values by label name. */
public record RouteMatch(OperationShape operation, Map<String, String> labels)
{
    public RouteMatch
    {
        requireNonNull(operation, "operation is null");
        labels = Map.copyOf(requireNonNull(labels, "labels is null"));
    }
}
