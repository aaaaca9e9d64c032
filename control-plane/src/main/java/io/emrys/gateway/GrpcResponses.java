package io.emrys.gateway;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's own gRPC answers. gRPC reports a failed call as HTTP 200 with {@code grpc-status} in the trailers; a
 * call that fails before any message is answered "trailers-only": one HEADERS frame that ends the stream, holding
 * both the response headers and the status. Every gRPC client reads that as the call's final status.
 */
final class GrpcResponses
{
    /** gRPC status codes the gateway answers with (grpc/doc/statuscodes.md). */
    static final int INTERNAL = 13;
    static final int UNAVAILABLE = 14;
    static final int UNAUTHENTICATED = 16;

    private static final MediaType GRPC = MediaType.parse("application/grpc");

    private GrpcResponses() {}

    static HttpResponse unauthenticated()
    {
        // One message for every reason (no token, unknown, expired, another session's), so a caller learns nothing.
        return trailersOnly(UNAUTHENTICATED, "Missing, invalid or expired session token");
    }

    static HttpResponse driverUnavailable()
    {
        return trailersOnly(UNAVAILABLE, "The session's Spark driver is not reachable");
    }

    static HttpResponse trailersOnly(int status, String message)
    {
        // endOfStream: without it Armeria ends the stream with an empty DATA frame after the headers, which gRPC
        // clients reject ("unexpected EOS on empty DATA frame") instead of reading the status.
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK)
                .endOfStream(true)
                .contentType(GRPC)
                .add("grpc-status", Integer.toString(status))
                .add("grpc-message", percentEncode(message))
                .build());
    }

    /** grpc-message encoding: UTF-8 bytes outside printable ASCII, and '%', as %XX. */
    static String percentEncode(String message)
    {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (byte value : bytes) {
            int b = value & 0xff;
            if (b >= 0x20 && b <= 0x7e && b != '%') {
                out.write(b);
            }
            else {
                byte[] escaped = String.format("%%%02X", b).getBytes(StandardCharsets.US_ASCII);
                out.write(escaped, 0, escaped.length);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
