package io.emrys.api.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Writes an authentication failure the way AWS does, so SDKs surface the right error code: JSON with
 * {@code X-Amzn-ErrorType} for the JSON protocols, the {@code ErrorResponse} XML document for query
 * protocols (STS). Every response carries {@code x-amzn-RequestId}.
 */
final class AuthErrorResponses
{
    /** Signing names of the services Emrys speaks that use the awsQuery protocol. */
    private static final Set<String> QUERY_PROTOCOL_SERVICES = Set.of("sts", "iam");

    private final ObjectMapper json = new ObjectMapper();

    /** The protocol family of the failed request, guessed from the signing scope or else from its headers. */
    enum Dialect
    {
        REST_JSON,
        AWS_JSON,
        QUERY
    }

    static Dialect dialect(AuthenticationException failure, SignableRequest request)
    {
        if (request.firstHeader("x-amz-target").isPresent()) {
            return Dialect.AWS_JSON;
        }
        boolean queryService = failure.scope().map(scope -> QUERY_PROTOCOL_SERVICES.contains(scope.service()))
                .orElseGet(() -> request.firstHeader("content-type").map(type -> type.startsWith("application/x-www-form-urlencoded")).orElse(false));
        return queryService ? Dialect.QUERY : Dialect.REST_JSON;
    }

    HttpResponse toResponse(AuthenticationException failure, Dialect dialect, String requestId)
    {
        requireNonNull(failure, "failure is null");
        requireNonNull(requestId, "requestId is null");
        AuthFailureReason reason = failure.reason();
        HttpStatus status = HttpStatus.valueOf(reason.httpStatus());
        return switch (dialect) {
            case REST_JSON, AWS_JSON -> {
                String code = reason.jsonErrorCode();
                ObjectNode body = json.createObjectNode();
                body.put("__type", code);
                // EMR's awsJson1_1 model spells the member Message; the restJson1 services spell it message
                body.put(dialect == Dialect.AWS_JSON ? "Message" : "message", failure.getMessage());
                MediaType type = dialect == Dialect.AWS_JSON ? MediaType.create("application", "x-amz-json-1.1") : MediaType.JSON;
                yield HttpResponse.of(headers(status, type, code, requestId), HttpData.wrap(write(body)));
            }
            case QUERY -> {
                String code = reason.queryErrorCode();
                String xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>"
                        + escapeXml(code) + "</Code><Message>" + escapeXml(failure.getMessage()) + "</Message></Error><RequestId>"
                        + escapeXml(requestId) + "</RequestId></ErrorResponse>";
                yield HttpResponse.of(headers(status, MediaType.XML_UTF_8, code, requestId),
                        HttpData.wrap(xml.getBytes(StandardCharsets.UTF_8)));
            }
        };
    }

    private static ResponseHeaders headers(HttpStatus status, MediaType type, String code, String requestId)
    {
        return ResponseHeaders.builder(status)
                .contentType(type)
                .add("x-amzn-errortype", code)
                .add("x-amzn-requestid", requestId)
                .build();
    }

    private byte[] write(ObjectNode body)
    {
        try {
            return json.writeValueAsBytes(body);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize an error document of two strings", e);
        }
    }

    private static String escapeXml(String value)
    {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
