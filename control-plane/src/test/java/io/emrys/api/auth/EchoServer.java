package io.emrys.api.auth;

import io.emrys.common.Caller;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import io.emrys.testing.TestingClock;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * An Armeria server on a loopback ephemeral port with {@link SigV4AuthDecorator} in front of a tiny service
 * that records and echoes what authentication left on the context. Its reply also carries
 * {@code "applications": []}, so the AWS CLI and boto3 accept it as a ListApplications answer.
 */
final class EchoServer
        implements AutoCloseable
{
    static final String ACCESS_KEY_ID = "AKIAEMRYSTEST0000001";
    static final String SECRET_ACCESS_KEY = "emrysTestSecretKey/with+special=chars0000";
    /** The services the tests sign for: the two EMR APIs and STS, in us-east-1, signed payloads only. */
    static final EndpointScope SCOPE = EndpointScope.api("us-east-1", "emr-serverless", "elasticmapreduce", "sts");

    /** What the service behind the decorator saw. */
    record Call(Caller caller, String signingService, String method, String rawPath, String body)
    {
        Call
        {
            requireNonNull(caller, "caller is null");
            requireNonNull(signingService, "signingService is null");
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final TestingClock clock = new TestingClock(Instant.now());
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore(
            InMemoryCredentialStore.credential(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    private final Server server;

    EchoServer()
    {
        HttpService echo = (ctx, req) -> HttpResponse.of(req.aggregate().thenApply(aggregated -> {
            Caller caller = ctx.attr(AuthAttributes.CALLER);
            String service = ctx.attr(AuthAttributes.SIGNING_SERVICE);
            String body = aggregated.contentUtf8();
            calls.add(new Call(caller, service, aggregated.method().name(), ctx.rawPath(), body));
            ObjectNode reply = json.createObjectNode();
            reply.putArray("applications");
            reply.put("accessKeyId", caller.accessKeyId());
            reply.put("principalArn", caller.principalArn());
            reply.put("signingService", service);
            reply.put("rawPath", ctx.rawPath());
            reply.put("body", body);
            return HttpResponse.of(MediaType.JSON, reply.toString());
        }));
        server = Server.builder()
                .http(new InetSocketAddress("127.0.0.1", 0))
                .serviceUnder("/", echo.decorate(new SigV4AuthDecorator(credentials, clock, SCOPE)))
                .build();
        server.start().join();
    }

    String endpoint()
    {
        return "http://127.0.0.1:" + server.activeLocalPort();
    }

    TestingClock clock()
    {
        return clock;
    }

    List<Call> calls()
    {
        return List.copyOf(calls);
    }

    Call lastCall()
    {
        if (calls.isEmpty()) {
            throw new IllegalStateException("no authenticated call reached the service");
        }
        return calls.get(calls.size() - 1);
    }

    static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        server.stop().join();
    }
}
