package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Caller;

/**
 * One decoded call of a modeled operation.
 *
 * @param operationName the operation's shape name, e.g. {@code StartJobRun}
 * @param input the validated input structure as a normalized document (see {@link OperationHandler})
 * @param caller who signed the request
 * @param requestId the id sent back as {@code x-amzn-RequestId}
 * @param sourceAddress the client's IP address ({@code aws:SourceIp}, the audit record's source)
 */
public record OperationCall(String operationName, ObjectNode input, Caller caller, String requestId, String sourceAddress)
{
    public OperationCall
    {
        requireNonNull(operationName, "operationName is null");
        requireNonNull(input, "input is null");
        requireNonNull(caller, "caller is null");
        requireNonNull(requestId, "requestId is null");
        requireNonNull(sourceAddress, "sourceAddress is null");
    }
}
