package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

/**
 * A request the protocol layer rejects before any handler sees it: unknown route, unreadable body, wrong
 * media type. These errors are not in a service's model; SDKs recognise them by the name alone.
 */
final class ProtocolException
        extends RuntimeException
{
    private final int status;
    private final String errorType;

    ProtocolException(int status, String errorType, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.status = status;
        this.errorType = requireNonNull(errorType, "errorType is null");
    }

    static ProtocolException serialization(String message)
    {
        return new ProtocolException(400, "SerializationException", message);
    }

    static ProtocolException unknownOperation(String method, String path)
    {
        return new ProtocolException(404, "UnknownOperationException", "No operation matches " + method + " " + path);
    }

    /** awsJson1_1: AWS answers a target it does not know with 400, as for any other malformed request. */
    static ProtocolException unknownTarget(String method, String path, java.util.Optional<String> target)
    {
        return new ProtocolException(400, "UnknownOperationException",
                "No operation matches " + method + " " + path + " with X-Amz-Target: " + target.orElse("(none)"));
    }

    /** awsQuery: AWS's answer to an Action it does not know, or knows only for another Version, is 400 InvalidAction. */
    static ProtocolException invalidAction(String action, String version)
    {
        return new ProtocolException(400, "InvalidAction", "Could not find operation " + action + " for version " + version);
    }

    static ProtocolException unsupportedMediaType(String contentType)
    {
        return new ProtocolException(415, "UnsupportedMediaTypeException", "Unsupported Content-Type: " + contentType);
    }

    static ProtocolException notAcceptable(String accept)
    {
        return new ProtocolException(406, "NotAcceptableException", "Cannot produce a response for Accept: " + accept);
    }

    int status()
    {
        return status;
    }

    String errorType()
    {
        return errorType;
    }
}
