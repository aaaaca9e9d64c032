package io.emrys.dashboard;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.Server;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A tiny stand-in for a Spark web UI on a loopback port, with what the proxy must cope with. */
final class FakeSparkUi
{
    static final int BIG = 12 * 1024 * 1024;
    static final Duration SLOW = Duration.ofSeconds(11);

    private FakeSparkUi() {}

    static Server start()
    {
        Server server = Server.builder()
                .http(new InetSocketAddress("127.0.0.1", 0))
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
                .requestTimeoutMillis(0)
                .maxRequestLength(0)
                // Like Spark's Jetty: an absolute redirect on its own host and port.
                .service("/", (ctx, request) -> HttpResponse.of(ResponseHeaders.of(HttpStatus.FOUND,
                        HttpHeaderNames.LOCATION, "http://127.0.0.1:" + ctx.localAddress().getPort() + "/jobs/")))
                .service("/jobs/", (ctx, request) -> HttpResponse.of(HttpStatus.OK, MediaType.HTML_UTF_8,
                        "<p>Spark Jobs path=" + request.path() + " host=" + request.authority() + "</p>"))
                // Larger than Armeria's default 10 MiB response cap.
                .service("/big", (ctx, request) -> HttpResponse.of(ResponseHeaders.of(HttpStatus.OK), HttpData.wrap(new byte[BIG])))
                // Slower than Armeria's default 10 s timeouts.
                .service("/slow", (ctx, request) -> HttpResponse.delayed(HttpResponse.of("slow but here"), SLOW))
                .service("/upload", (ctx, request) -> HttpResponse.of(request.aggregate()
                        .thenApply(body -> HttpResponse.of("received " + body.content().length()))))
                .build();
        server.start().join();
        return server;
    }
}
