package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.emrys.api.auth.AuthAttributes;
import io.emrys.common.Caller;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Armeria side every protocol's service shares: aggregates the request (bodies are small), hands it to the
 * {@link ProtocolDispatcher} on the blocking task executor, because handlers may touch the store, and writes the
 * {@link WireResponse} back. Immutable and thread-safe.
 */
final class ArmeriaAdapter
{
    private final ProtocolDispatcher dispatcher;
    private final Optional<Caller> defaultCaller;
    private final Supplier<String> requestIds;

    ArmeriaAdapter(ProtocolDispatcher dispatcher, Optional<Caller> defaultCaller, Supplier<String> requestIds)
    {
        this.dispatcher = requireNonNull(dispatcher, "dispatcher is null");
        this.defaultCaller = requireNonNull(defaultCaller, "defaultCaller is null");
        this.requestIds = requireNonNull(requestIds, "requestIds is null");
    }

    HttpResponse serve(ServiceRequestContext ctx, HttpRequest request)
    {
        String requestId = requestIds.get();
        Optional<Caller> caller = Optional.ofNullable(ctx.attr(AuthAttributes.CALLER)).or(() -> defaultCaller);
        return HttpResponse.of(request.aggregate().thenApplyAsync(aggregated -> {
            WireResponse response = dispatcher.handle(toWire(ctx, aggregated), caller, requestId, ctx.clientAddress().getHostAddress());
            return toHttp(response);
        }, ctx.blockingTaskExecutor()));
    }

    private static WireRequest toWire(ServiceRequestContext ctx, AggregatedHttpRequest request)
    {
        String rawPath = ctx.rawPath();
        int question = rawPath.indexOf('?');
        String path = question < 0 ? rawPath : rawPath.substring(0, question);
        String rawQuery = question < 0 ? ctx.query() : rawPath.substring(question + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach((name, value) -> {
            if (!name.toString().startsWith(":")) {
                headers.computeIfAbsent(name.toString(), key -> new ArrayList<>()).add(value);
            }
        });
        return new WireRequest(request.method().name(), path, RestJsonRouter.parseQuery(rawQuery), headers, request.content().array());
    }

    private static HttpResponse toHttp(WireResponse response)
    {
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.valueOf(response.status()));
        for (Map.Entry<String, String> header : response.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        // awsJson1_1 names its media type even on an empty body; restJson1 leaves the type out of such a response
        if (response.contentType() != null) {
            headers.contentType(MediaType.parse(response.contentType()));
        }
        if (response.body().length == 0) {
            return HttpResponse.of(headers.build());
        }
        return HttpResponse.of(headers.build(), HttpData.wrap(response.body()));
    }
}
