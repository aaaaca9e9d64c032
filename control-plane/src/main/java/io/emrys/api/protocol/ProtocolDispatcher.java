package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request, framework-independent: the codec decodes it, the pipeline serves it, the codec encodes the output
 * or, for any failure on the way, the error. Immutable and thread-safe.
 */
final class ProtocolDispatcher
{
    /** AWS's JSON protocols (restJson1, awsJson1_0/1_1) all return the request id in this header. */
    static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

    private final ProtocolCodec codec;
    private final OperationPipeline pipeline;

    ProtocolDispatcher(ProtocolCodec codec, OperationPipeline pipeline)
    {
        this.codec = requireNonNull(codec, "codec is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
    }

    WireResponse handle(WireRequest request, Optional<Caller> caller, String requestId, String sourceAddress)
    {
        List<Map.Entry<String, String>> headers = List.of(Map.entry(REQUEST_ID_HEADER, requestId));
        try {
            DecodedCall call = codec.decode(request);
            ObjectNode output = pipeline.invoke(call.operation(), call.input(), caller, requestId, sourceAddress);
            return codec.encodeOutput(call.operation(), output, headers);
        }
        catch (RuntimeException e) {
            return codec.encodeError(e, headers);
        }
    }
}
