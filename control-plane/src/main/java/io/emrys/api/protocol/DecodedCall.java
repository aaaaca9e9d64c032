package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.smithy.model.shapes.OperationShape;

/**
 * What a codec read from a request: the operation it names and its input as a normalized document (see
 * {@link OperationHandler}), before defaults and validation.
 */
record DecodedCall(OperationShape operation, ObjectNode input)
{
    DecodedCall
    {
        requireNonNull(operation, "operation is null");
        requireNonNull(input, "input is null");
    }
}
