package io.emrys.api.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Serves one modeled operation. The protocol layer has already routed, decoded and validated the input against
 * the model, so a handler sees only well-formed members; it converts them to domain records, calls its service
 * and returns the output structure.
 *
 * <p>Input and output are "normalized documents": an object keyed by the model's member names (never the wire's
 * {@code @jsonName} or header names), unset members absent, timestamps as ISO-8601 strings
 * ({@link java.time.Instant#toString()}), blobs as base64 strings, numbers as JSON numbers. The protocol layer
 * converts between this form and each protocol's wire form.
 *
 * <p>Failures are thrown as {@link io.emrys.error.EmrysException}; anything else becomes an internal error whose
 * text is not shown to the caller.
 */
@FunctionalInterface
public interface OperationHandler
{
    ObjectNode handle(OperationCall call);
}
