package io.emrys.gateway;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpObject;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.SessionProtocol;
import com.linecorp.armeria.common.stream.StreamMessage;
import com.linecorp.armeria.server.Server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stands in for a session's Spark Connect driver: a plaintext HTTP/2 server on 127.0.0.1 that counts the calls it
 * receives, keeps the last call's headers, and answers like a gRPC server: it streams the request body back and ends
 * with {@code grpc-status: 0} trailers. On {@code /test.Echo/Hold} it holds the trailers until {@link #release()}.
 */
final class FakeDriver
        implements AutoCloseable
{
    static final String ECHO = "/test.Echo/Call";
    static final String HOLD = "/test.Echo/Hold";

    private final Server server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<RequestHeaders> lastHeaders = new AtomicReference<>();
    private final CompletableFuture<HttpHeaders> held = new CompletableFuture<>();

    FakeDriver()
    {
        server = Server.builder()
                .port(new InetSocketAddress("127.0.0.1", 0), SessionProtocol.HTTP)
                .requestTimeoutMillis(0)
                .maxRequestLength(0)
                .gracefulShutdownTimeoutMillis(0, 0)
                .serviceUnder("/", (ctx, request) -> answer(request))
                .build();
        server.start().join();
    }

    private HttpResponse answer(HttpRequest request)
    {
        calls.incrementAndGet();
        lastHeaders.set(request.headers());
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.OK)
                .contentType(MediaType.parse("application/grpc"))
                .add("x-fake-driver", Integer.toString(port()))
                .build();
        HttpHeaders done = HttpHeaders.of("grpc-status", "0");
        if (request.path().equals(HOLD)) {
            request.abort();
            return HttpResponse.of(headers, StreamMessage.of(), held.thenApply(ignored -> done));
        }
        // The request's last DATA carries the end-of-stream flag; echoed as it is, it would end the response before
        // the trailers.
        return HttpResponse.of(headers, request.filter(FakeDriver::isData).map(data -> ((HttpData) data).withEndOfStream(false)), done);
    }

    private static boolean isData(HttpObject object)
    {
        return object instanceof HttpData;
    }

    int port()
    {
        return server.activeLocalPort();
    }

    int calls()
    {
        return calls.get();
    }

    RequestHeaders lastHeaders()
    {
        return lastHeaders.get();
    }

    void reset()
    {
        calls.set(0);
        lastHeaders.set(null);
    }

    void release()
    {
        held.complete(HttpHeaders.of());
    }

    @Override
    public void close()
    {
        release();
        server.stop().join();
    }
}
