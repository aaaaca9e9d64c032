package io.emrys.objectstore;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.gaul.shaded.org.eclipse.jetty.http.HttpField;
import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Reads each request in front of S3Proxy's servlet and keeps it, for the thread that handles it, where
 * {@link IdentityLocator} finds it. S3Proxy's locator hook receives only the access key id, bucket and key, not the
 * request: the method, query, session token and peer address that authorization needs come from here.
 *
 * <p>Threading: S3Proxy's servlet is synchronous, so Jetty runs it inside {@link #handle} on the calling thread; the
 * scope is set for exactly that call and cleared after it, whatever happens.
 */
final class RequestScopes
{
    private static final String REQUEST_ID = "x-amz-request-id";
    /** The headers authorization reads; the rest of a request is S3Proxy's business. */
    private static final List<String> HEADERS = Stream.concat(Stream.of("x-amz-security-token", "x-amz-copy-source"), S3Actions.ACL_HEADERS.stream()).toList();

    private final ThreadLocal<RequestScope> current = new ThreadLocal<>();

    Optional<RequestScope> current()
    {
        return Optional.ofNullable(current.get());
    }

    /** The Jetty handler to put in front of S3Proxy's own. */
    Handler.Wrapper handlerAround(Handler s3proxy)
    {
        return new Handler.Wrapper(requireNonNull(s3proxy, "s3proxy is null"))
        {
            @Override
            public boolean handle(Request request, Response response, Callback callback)
                    throws Exception
            {
                current.set(scopeOf(request, response));
                try {
                    return super.handle(request, response, callback);
                }
                finally {
                    current.remove();
                }
            }
        };
    }

    private static RequestScope scopeOf(Request request, Response response)
    {
        Map<String, String> headers = new HashMap<>();
        for (String name : HEADERS) {
            String value = request.getHeaders().get(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        ObjectStoreRequest parsed = ObjectStoreRequest.of(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(), headers,
                Request.getRemoteAddr(request));
        Set<String> amzHeaderNames = new HashSet<>();
        for (HttpField field : request.getHeaders()) {
            String name = field.getLowerCaseName();
            if (name.startsWith("x-amz-")) {
                amzHeaderNames.add(name);
            }
        }
        String fallback = UUID.randomUUID().toString();
        String length = request.getHeaders().get("content-length");
        boolean hasBody = (length != null && !length.equals("0")) || request.getHeaders().get("transfer-encoding") != null;
        return RequestScope.of(parsed, amzHeaderNames, () -> Optional.ofNullable(response.getHeaders().get(REQUEST_ID)).orElse(fallback), () -> {
            if (hasBody) {
                response.getHeaders().put("Connection", "close");
            }
        });
    }
}
