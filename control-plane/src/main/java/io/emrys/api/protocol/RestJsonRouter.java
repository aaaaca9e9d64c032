package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.knowledge.TopDownIndex;
import software.amazon.smithy.model.shapes.OperationShape;
import software.amazon.smithy.model.shapes.ShapeId;
import software.amazon.smithy.model.traits.HttpTrait;

/**
 * Finds the operation of a service for an HTTP method, path and query, from the {@code @http} traits alone.
 * Immutable after construction, so one instance serves all requests.
 */
public final class RestJsonRouter
{
    private final List<HttpRoute> routes;

    public RestJsonRouter(Model model, ShapeId service)
    {
        requireNonNull(model, "model is null");
        requireNonNull(service, "service is null");
        List<HttpRoute> found = new ArrayList<>();
        for (OperationShape operation : TopDownIndex.of(model).getContainedOperations(service)) {
            operation.getTrait(HttpTrait.class).ifPresent(http ->
                    found.add(new HttpRoute(operation, http.getMethod(), http.getUri())));
        }
        found.sort(Comparator.comparingInt(HttpRoute::specificity).reversed());
        this.routes = List.copyOf(found);
    }

    /** The matched operation and its decoded labels, or empty for an unknown route. */
    public Optional<RouteMatch> route(String method, String rawPath, Map<String, List<String>> query)
    {
        requireNonNull(method, "method is null");
        requireNonNull(rawPath, "rawPath is null");
        requireNonNull(query, "query is null");
        List<String> segments = splitPath(rawPath);
        for (HttpRoute route : routes) {
            if (!route.method().equalsIgnoreCase(method)) {
                continue;
            }
            Optional<Map<String, String>> labels = route.match(segments, query);
            if (labels.isPresent()) {
                return Optional.of(new RouteMatch(route.operation(), labels.get()));
            }
        }
        return Optional.empty();
    }

    /** Splits a raw query string into decoded names and values; repeated keys keep their order. */
    public static Map<String, List<String>> parseQuery(String rawQuery)
    {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQueryComponent(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQueryComponent(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** In a query, '+' is a space (SDKs send a plus sign as %2B); Armeria also rewrites %20 to '+'. */
    private static String decodeQueryComponent(String raw)
    {
        try {
            return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw ProtocolException.serialization("Malformed percent-encoding in the query: " + raw);
        }
    }

    static List<String> splitPath(String rawPath)
    {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        List<String> segments = new ArrayList<>(List.of(path.split("/", -1)));
        // "/" and a trailing slash add an empty last segment that no pattern names
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }
}
