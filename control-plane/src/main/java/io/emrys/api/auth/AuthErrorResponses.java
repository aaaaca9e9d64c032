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
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * Writes an authentication failure the way AWS does, so SDKs surface the right error code: JSON with
 * {@code X-Amzn-ErrorType} for the JSON protocols, the {@code ErrorResponse} XML document for the awsQuery
 * services (IAM, STS), in the namespace of the service the request was for. Every response carries
 * {@code x-amzn-RequestId}.
 */
final class AuthErrorResponses
{
    /**
     * The awsQuery services Emrys speaks, by signing name, with the {@code @xmlNamespace} of their models, which
     * their error documents are written in (the protocol layer's codec writes every other error of theirs).
     */
    private static final Map<String, String> QUERY_PROTOCOL_NAMESPACES = Map.of(
            "iam", "https://iam.amazonaws.com/doc/2010-05-08/",
            "sts", "https://sts.amazonaws.com/doc/2011-06-15/");

    private final ObjectMapper json = new ObjectMapper();

    /** The protocol family of the failed request, guessed from the signing scope or else from its headers. */
    enum Dialect
    {
        REST_JSON,
        AWS_JSON,
        QUERY
    }

    /**
     * From the signature's scope when it has one, else from the endpoint: a decorator in front of IAM alone (scope
     * {@code iam}) answers even an unsigned request in IAM's form, whatever its method or Content-Type.
     */
    static Dialect dialect(AuthenticationException failure, SignableRequest request, EndpointScope endpoint)
    {
        if (request.firstHeader("x-amz-target").isPresent()) {
            return Dialect.AWS_JSON;
        }
        boolean queryService = failure.scope().map(scope -> QUERY_PROTOCOL_NAMESPACES.containsKey(scope.service()))
                .orElseGet(() -> QUERY_PROTOCOL_NAMESPACES.keySet().containsAll(endpoint.services())
                        || request.firstHeader("content-type").map(type -> type.startsWith("application/x-www-form-urlencoded")).orElse(false));
        return queryService ? Dialect.QUERY : Dialect.REST_JSON;
    }

    /** The namespace of the query service the request was signed for, else of the endpoint's, else STS's. */
    static String queryNamespace(AuthenticationException failure, EndpointScope endpoint)
    {
        return failure.scope().map(scope -> QUERY_PROTOCOL_NAMESPACES.get(scope.service()))
                .or(() -> endpoint.services().stream().sorted().map(QUERY_PROTOCOL_NAMESPACES::get).filter(Objects::nonNull).findFirst())
                .orElse(QUERY_PROTOCOL_NAMESPACES.get("sts"));
    }

    HttpResponse toResponse(AuthenticationException failure, Dialect dialect, String namespace, String requestId)
    {
        requireNonNull(failure, "failure is null");
        requireNonNull(namespace, "namespace is null");
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
                String xml = "<ErrorResponse xmlns=\"" + escapeXml(namespace) + "\"><Error><Type>Sender</Type><Code>"
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
