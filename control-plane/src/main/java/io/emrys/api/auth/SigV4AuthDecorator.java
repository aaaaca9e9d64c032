package io.emrys.api.auth;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AsciiString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

/**
 * Authenticates every request with SigV4 before it reaches the API. It aggregates the body (API bodies are
 * small; the cap guards the server), verifies the signature over the request exactly as it arrived (raw
 * path, raw query), and then either passes the aggregated request on with {@link AuthAttributes#CALLER} and
 * {@link AuthAttributes#SIGNING_SERVICE} set on the context, or answers the AWS error itself.
 *
 * A valid signature must also be bound to the endpoint ({@link EndpointScope}: its region and service, a signed
 * payload).
 *
 * <p>Mount it in front of the API routes: {@code service.decorate(new SigV4AuthDecorator(credentials, clock, scope))}.
 */
public final class SigV4AuthDecorator
        implements DecoratingHttpServiceFunction
{
    /** Large enough for any EMR API document (job arguments, configuration overrides), small enough to buffer. */
    public static final long DEFAULT_MAX_BODY_BYTES = 6L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SigV4AuthDecorator.class);

    private final SigV4Verifier verifier;
    private final EndpointScope endpointScope;
    private final long maxBodyBytes;
    private final AuthErrorResponses errors = new AuthErrorResponses();

    public SigV4AuthDecorator(CredentialStore credentials, Clock clock, EndpointScope endpointScope)
    {
        this(new SigV4Verifier(credentials, clock), endpointScope, DEFAULT_MAX_BODY_BYTES);
    }

    public SigV4AuthDecorator(SigV4Verifier verifier, EndpointScope endpointScope, long maxBodyBytes)
    {
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.endpointScope = requireNonNull(endpointScope, "endpointScope is null");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req)
    {
        long serverLimit = ctx.maxRequestLength();
        // a body above the cap fails the aggregation, which Armeria answers with 413
        ctx.setMaxRequestLength(serverLimit == 0 ? maxBodyBytes : Math.min(serverLimit, maxBodyBytes));
        CompletableFuture<HttpResponse> response = req.aggregate().thenApply(aggregated -> authenticate(delegate, ctx, aggregated));
        return HttpResponse.of(response);
    }

    private HttpResponse authenticate(HttpService delegate, ServiceRequestContext ctx, AggregatedHttpRequest aggregated)
    {
        SignableRequest signable = toSignable(ctx, aggregated);
        VerifiedRequest verified;
        try {
            verified = verifier.verify(signable, endpointScope);
            if (verified.payloadMode() == PayloadMode.STREAMING) {
                throw new AuthenticationException(AuthFailureReason.UNSUPPORTED_PAYLOAD,
                        "aws-chunked streaming payloads (x-amz-content-sha256: STREAMING-*) are not supported on this endpoint",
                        Optional.of(verified.scope()));
            }
        }
        catch (AuthenticationException e) {
            log.debug("Refused {} {}: {} ({})", signable.method(), signable.rawPath(), e.reason(), e.getMessage());
            return errors.toResponse(e, AuthErrorResponses.dialect(e, signable, endpointScope),
                    AuthErrorResponses.queryNamespace(e, endpointScope), UUID.randomUUID().toString());
        }
        ctx.setAttr(AuthAttributes.CALLER, verified.caller());
        ctx.setAttr(AuthAttributes.SIGNING_SERVICE, verified.scope().service());
        try {
            return delegate.serve(ctx, aggregated.toHttpRequest());
        }
        catch (Exception e) {
            return HttpResponse.ofFailure(e);
        }
    }

    static SignableRequest toSignable(ServiceRequestContext ctx, AggregatedHttpRequest aggregated)
    {
        RequestHeaders headers = aggregated.headers();
        String rawPath = ctx.rawPath();
        String rawQuery = "";
        int question = rawPath.indexOf('?');
        if (question >= 0) {
            rawQuery = rawPath.substring(question + 1);
            rawPath = rawPath.substring(0, question);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<AsciiString, String> header : headers) {
            String name = header.getKey().toString();
            if (!name.startsWith(":")) {
                values.computeIfAbsent(name, ignored -> new ArrayList<>()).add(header.getValue());
            }
        }
        if (!values.containsKey("host") && headers.authority() != null) {
            // Armeria moves the HTTP/1 Host header into :authority; the client signed it as host
            values.put("host", List.of(headers.authority()));
        }
        return new SignableRequest(headers.method().name(), rawPath, rawQuery, values, aggregated.content().array());
    }
}
