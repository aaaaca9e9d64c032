package io.emrys.api.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import io.emrys.common.Caller;
import io.emrys.api.serverless.ServerlessErrors;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.smithy.aws.traits.protocols.RestJson1Trait;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ServiceShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.Trait;

/**
 * One server per service of a protocol in the compliance model, each with echo handlers: every operation records
 * the call it received and returns the output (or throws the failure) the current case prepared.
 */
final class ConformanceServers
        implements AutoCloseable
{
    static final Caller CALLER = new Caller("123456789012", "arn:aws:iam::123456789012:root", "AKIDEXAMPLE");
    // the compliance services name their errors as AWS's restJson1 services, EMR Serverless among them, do
    private static final ServiceErrors COMPLIANCE_ERRORS = new ServerlessErrors();
    private static final ShapeId FRAMEWORK_VALIDATION = ShapeId.from("smithy.framework#ValidationException");

    /** What the handlers of one service saw and will answer. */
    static final class Echo
    {
        final AtomicReference<OperationCall> lastCall = new AtomicReference<>();
        final AtomicReference<ObjectNode> nextOutput = new AtomicReference<>();
        final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();

        void reset()
        {
            lastCall.set(null);
            nextOutput.set(null);
            nextFailure.set(null);
        }

        ObjectNode answer(OperationCall call)
        {
            lastCall.set(call);
            RuntimeException failure = nextFailure.get();
            if (failure != null) {
                throw failure;
            }
            ObjectNode output = nextOutput.get();
            return output == null ? JsonNodeFactory.instance.objectNode() : output.deepCopy();
        }
    }

    /** Builds the served service of one service shape over its echo handlers. */
    @FunctionalInterface
    interface ServiceFactory
    {
        HttpService build(ServiceShape service, Map<String, OperationHandler> handlers);
    }

    record Served(Server server, WebClient client, Echo echo) {}

    private final Map<ShapeId, Served> byService = new HashMap<>();
    private final Map<ShapeId, ShapeId> serviceOfOperation = new HashMap<>();

    ConformanceServers(Model model, Class<? extends Trait> protocol, ServiceFactory factory)
    {
        TopDownIndex index = TopDownIndex.of(model);
        for (ServiceShape service : model.getServiceShapesWithTrait(protocol)) {
            Echo echo = new Echo();
            Map<String, OperationHandler> handlers = new HashMap<>();
            for (OperationShape operation : index.getContainedOperations(service)) {
                serviceOfOperation.put(operation.getId(), service.getId());
                handlers.put(operation.getId().getName(service), echo::answer);
            }
            Server server = Server.builder()
                    .http(new InetSocketAddress("127.0.0.1", 0))
                    .serviceUnder("/", factory.build(service, handlers))
                    .build();
            server.start().join();
            WebClient client = WebClient.of("http://127.0.0.1:" + server.activeLocalPort());
            byService.put(service.getId(), new Served(server, client, echo));
        }
    }

    /** The restJson1 services, strict about media types as the suite expects. */
    static ConformanceServers restJson1(Model model)
    {
        return new ConformanceServers(model, RestJson1Trait.class, (service, handlers) -> {
            boolean framework = TopDownIndex.of(model).getContainedOperations(service).stream()
                    .anyMatch(operation -> operation.getErrors().contains(FRAMEWORK_VALIDATION));
            return RestJson1Service.builder(model, service.getId(), COMPLIANCE_ERRORS)
                    .defaultCaller(CALLER)
                    .strictMediaTypes(true)
                    .handlers(handlers)
                    .validationStyle(framework ? ValidationStyle.SMITHY_FRAMEWORK : ValidationStyle.AWS)
                    .build();
        });
    }

    Optional<Served> forOperation(ShapeId operation)
    {
        return Optional.ofNullable(serviceOfOperation.get(operation)).map(byService::get);
    }

    Optional<ShapeId> serviceOf(ShapeId operation)
    {
        return Optional.ofNullable(serviceOfOperation.get(operation));
    }

    static AggregatedHttpResponse send(Served served, String method, String uri, List<String> queryParams, Map<String, String> headers, String body)
    {
        String path = uri;
        if (!queryParams.isEmpty()) {
            path += (uri.contains("?") ? "&" : "?") + String.join("&", queryParams);
        }
        RequestHeadersBuilder builder = RequestHeaders.builder(HttpMethod.valueOf(method), path);
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("content-length") && !lower.equals("host")) {
                builder.add(lower, value);
            }
        });
        return served.client().execute(builder.build(), HttpData.ofUtf8(body)).aggregate().join();
    }

    @Override
    public void close()
    {
        byService.values().forEach(served -> served.server().stop().join());
    }
}
