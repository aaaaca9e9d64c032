package io.emrys.api.auth;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static io.emrys.api.auth.AuthFailureReason.SIGNATURE_MISMATCH;

/**
 * Builds the SigV4 canonical request:
 * <pre>
 * METHOD
 * canonical URI
 * canonical query string
 * name:value lines of the signed headers
 * (blank line)
 * signed header names joined by ;
 * payload hash</pre>
 */
final class CanonicalRequest
{
    private CanonicalRequest() {}

    static String build(SignableRequest request, SigV4Authorization authorization, String payloadHash, PathCanonicalization paths)
    {
        StringBuilder out = new StringBuilder(512);
        out.append(request.method()).append('\n');
        out.append(paths.canonicalUri(request.rawPath())).append('\n');
        out.append(QueryParameters.canonical(request.rawQuery(), authorization.presigned())).append('\n');
        for (String name : authorization.signedHeaders()) {
            out.append(name).append(':').append(canonicalHeaderValue(request, name, authorization)).append('\n');
        }
        out.append('\n');
        out.append(String.join(";", authorization.signedHeaders())).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    /**
     * The values of one header, each trimmed with inner runs of whitespace (including the line breaks of
     * obsolete folded headers) squeezed to one space, joined with commas in arrival order.
     */
    private static String canonicalHeaderValue(SignableRequest request, String name, SigV4Authorization authorization)
    {
        List<String> values = request.headerValues(name);
        if (values.isEmpty() && name.equals("host")) {
            // HTTP/2 and some servers carry the host only as the :authority pseudo-header
            values = request.headerValues(":authority");
        }
        if (values.isEmpty()) {
            throw new AuthenticationException(SIGNATURE_MISMATCH,
                    "The request signature names the header '" + name + "' but the request does not carry it", Optional.of(authorization.scope()));
        }
        return values.stream()
                .map(CanonicalRequest::squeezeWhitespace)
                .collect(Collectors.joining(","));
    }

    static String squeezeWhitespace(String value)
    {
        StringBuilder out = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        return out.toString();
    }
}
