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
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.emrys.api.auth.AuthAttributes;
import io.emrys.api.auth.Caller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/**
 * Serves every operation of one restJson1 Smithy service over Armeria, driven by the model: mount it with
 * {@code serverBuilder.serviceUnder("/", service)}. Requests are aggregated (bodies are small) and handled on
 * the blocking task executor, because handlers may touch the store.
 */
public final class RestJson1Service
        implements HttpService
{
    private final ProtocolDispatcher dispatcher;
    private final Optional<Caller> defaultCaller;
    private final Supplier<String> requestIds;

    private RestJson1Service(Builder builder)
    {
        RestJson1Codec codec = new RestJson1Codec(builder.model, builder.service, builder.errors, builder.validationStyle, builder.strictMediaTypes);
        this.dispatcher = new ProtocolDispatcher(codec, new OperationPipeline(builder.model, builder.service, builder.handlers));
        this.defaultCaller = Optional.ofNullable(builder.defaultCaller);
        this.requestIds = builder.requestIds;
    }

    /** @param errors the service's names for {@link io.emrys.error.ErrorCode}s */
    public static Builder builder(Model model, ShapeId service, ServiceErrors errors)
    {
        return new Builder(model, service, errors);
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest request)
    {
        String requestId = requestIds.get();
        Optional<Caller> caller = Optional.ofNullable(ctx.attr(AuthAttributes.CALLER)).or(() -> defaultCaller);
        return HttpResponse.of(request.aggregate().thenApplyAsync(aggregated -> {
            WireResponse response = dispatcher.handle(toWire(ctx, aggregated), caller, requestId);
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
        if (response.body().length == 0) {
            return HttpResponse.of(headers.build());
        }
        headers.contentType(MediaType.parse(response.contentType()));
        return HttpResponse.of(headers.build(), HttpData.wrap(response.body()));
    }

    /** Collects the model, the service shape, its error names, the handlers by operation name and per-service wire options. */
    public static final class Builder
    {
        private final Model model;
        private final ShapeId service;
        private final ServiceErrors errors;
        private final Map<String, OperationHandler> handlers = new HashMap<>();
        private ValidationStyle validationStyle = ValidationStyle.AWS;
        private boolean strictMediaTypes;
        private Caller defaultCaller;
        private Supplier<String> requestIds = () -> UUID.randomUUID().toString();

        private Builder(Model model, ShapeId service, ServiceErrors errors)
        {
            this.model = requireNonNull(model, "model is null");
            this.service = requireNonNull(service, "service is null");
            this.errors = requireNonNull(errors, "errors is null");
        }

        /** @param operationName the operation's shape name, e.g. {@code CreateApplication} */
        public Builder handler(String operationName, OperationHandler handler)
        {
            handlers.put(requireNonNull(operationName, "operationName is null"), requireNonNull(handler, "handler is null"));
            return this;
        }

        public Builder handlers(Map<String, OperationHandler> byOperationName)
        {
            byOperationName.forEach(this::handler);
            return this;
        }

        /** {@link ValidationStyle#AWS} (the default) for AWS services, SMITHY_FRAMEWORK for smithy.framework errors. */
        public Builder validationStyle(ValidationStyle style)
        {
            this.validationStyle = requireNonNull(style, "style is null");
            return this;
        }

        /**
         * Reject a Content-Type or Accept that does not fit the operation (415/406) as the compliance suite
         * expects. Off by default: the AWS CLI sends {@code {}} as application/json even to operations with
         * no body, and AWS accepts that.
         */
        public Builder strictMediaTypes(boolean strict)
        {
            this.strictMediaTypes = strict;
            return this;
        }

        /** The caller to assume when no authentication decorator set {@link AuthAttributes#CALLER}; tests only. */
        public Builder defaultCaller(Caller caller)
        {
            this.defaultCaller = requireNonNull(caller, "caller is null");
            return this;
        }

        public Builder requestIds(Supplier<String> supplier)
        {
            this.requestIds = requireNonNull(supplier, "supplier is null");
            return this;
        }

        public RestJson1Service build()
        {
            return new RestJson1Service(this);
        }
    }
}
