package io.emrys.api.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import software.amazon.smithy.model.shapes.OperationShape;

/**
 * The wire half of one protocol ({@link RestJson1Codec}, {@link AwsJson11Codec}): how a request names its
 * operation and carries its input, and how outputs and errors are written. Everything between decode and
 * encode is protocol-neutral and lives in {@link OperationPipeline}. Implementations are immutable and
 * thread-safe.
 */
interface ProtocolCodec
{
    /** Routes the request and decodes its input; throws {@link ProtocolException} for what no operation accepts. */
    DecodedCall decode(WireRequest request);

    /** @param headers headers every response carries, such as the request id */
    WireResponse encodeOutput(OperationShape operation, ObjectNode output, List<Map.Entry<String, String>> headers);

    /** The one place of this protocol where a failure of any kind becomes a wire error. */
    WireResponse encodeError(Throwable failure, List<Map.Entry<String, String>> headers);
}
