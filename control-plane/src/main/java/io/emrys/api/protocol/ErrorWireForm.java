package io.emrys.api.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.shapes.StructureShape;

/**
 * How one protocol writes an error that {@link ErrorMapper} has already chosen: its name, status and members.
 * The choice (which shape, which status, which text the caller may see) is protocol-neutral and made only there.
 */
interface ErrorWireForm
{
    /** An error that is not in the service's model, such as UnknownOperationException: its name and a message. */
    WireResponse unmodeled(int status, String name, String message, List<Map.Entry<String, String>> headers);

    /** @param document the error's members as a normalized document */
    WireResponse modeled(StructureShape error, String name, int status, ObjectNode document, List<Map.Entry<String, String>> headers);
}
