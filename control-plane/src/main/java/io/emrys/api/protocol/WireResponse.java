package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A response ready to send: status, headers in order (names as the model spells them) and body bytes.
 *
 * @param contentType the body's media type, or null for an empty body
 */
public record WireResponse(int status, List<Map.Entry<String, String>> headers, String contentType, byte[] body)
{
    public WireResponse
    {
        headers = List.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
    }
}
