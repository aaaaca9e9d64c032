package io.emrys.api.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.emrys.common.Caller;
import io.emrys.common.Credential;
import io.emrys.api.auth.CredentialStore;
import io.emrys.api.auth.EndpointScope;
import io.emrys.api.auth.SigV4AuthDecorator;
import io.emrys.api.iam.IamErrors;
import io.emrys.api.sts.StsErrors;
import io.emrys.error.EmrysException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Armeria server on a loopback ephemeral port with IAM under {@code /iam} and STS under {@code /sts}, and
 * both at {@code /} too, told apart by their signing names ({@link SigningServiceRouter}), as the Emrys server will
 * serve them beside EMR Serverless: each an {@link AwsQueryService} behind {@link SigV4AuthDecorator} (us-east-1),
 * over small handlers that answer canned outputs built from the input.
 * These handlers are fixtures of the protocol, not IAM. Outside the signature check it records the credential
 * scope of every request, so tests can see which region each client signs with.
 */
final class AwsQueryTestServer
        implements AutoCloseable
{
    static final String ACCESS_KEY_ID = "AKIAEMRYSQUERY000001";
    static final String SECRET_ACCESS_KEY = "emrysQuerySecret/with+special=chars0000";
    static final Caller CALLER = new Caller("123456789012", "arn:aws:iam::123456789012:user/tester", ACCESS_KEY_ID);
    static final String REGION = "us-east-1";
    static final String CREATED = "2026-12-03T10:00:00Z";

    /** The scope a request was signed for and where it went. */
    record Signed(String path, String region, String service)
    {
        Signed
        {
            requireNonNull(path, "path is null");
            requireNonNull(region, "region is null");
            requireNonNull(service, "service is null");
        }
    }

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=[^/]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final List<Signed> signed = new CopyOnWriteArrayList<>();
    private final List<OperationCall> calls = new CopyOnWriteArrayList<>();
    private final Server server;

    AwsQueryTestServer()
    {
        Credential credential = new Credential(ACCESS_KEY_ID, SECRET_ACCESS_KEY, CALLER);
        CredentialStore credentials = id -> id.equals(ACCESS_KEY_ID) ? Optional.of(credential) : Optional.empty();
        HttpService iam = AwsQueryService.builder(SmithyModels.iam(), SmithyModels.IAM, new IamErrors())
                .handler("CreateUser", recorded(call -> userOutput(call.input())))
                .handler("GetUser", recorded(AwsQueryTestServer::getUser))
                .handler("ListUsers", recorded(AwsQueryTestServer::listUsers))
                .build();
        HttpService sts = AwsQueryService.builder(SmithyModels.sts(), SmithyModels.STS, new StsErrors())
                .handler("GetCallerIdentity", recorded(call -> NODES.objectNode().put("UserId", "AIDAEMRYSTESTER")
                        .put("Account", call.caller().accountId()).put("Arn", call.caller().principalArn())))
                .handler("AssumeRole", recorded(AwsQueryTestServer::assumeRole))
                .build();
        ServerBuilder builder = Server.builder().http(new InetSocketAddress("127.0.0.1", 0));
        AwsQueryService.mount(builder, "/iam", recording(iam.decorate(new SigV4AuthDecorator(credentials, Clock.systemUTC(), EndpointScope.api(REGION, "iam")))));
        AwsQueryService.mount(builder, "/sts", recording(sts.decorate(new SigV4AuthDecorator(credentials, Clock.systemUTC(), EndpointScope.api(REGION, "sts")))));
        // the SDK for Java v2 posts IAM and STS requests to / whatever its endpoint's path: both are served there too
        builder.serviceUnder("/", recording(new SigningServiceRouter(Map.of("iam", iam, "sts", sts))
                .decorate(new SigV4AuthDecorator(credentials, Clock.systemUTC(), EndpointScope.api(REGION, "iam", "sts")))));
        server = builder.build();
        server.start().join();
    }

    /** The base URL of a mounted service, such as {@code http://127.0.0.1:PORT/iam}; {@code ""} for the root. */
    String endpoint(String prefix)
    {
        return "http://127.0.0.1:" + server.activeLocalPort() + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    List<Signed> signed()
    {
        return List.copyOf(signed);
    }

    List<OperationCall> calls()
    {
        return List.copyOf(calls);
    }

    @Override
    public void close()
    {
        server.stop().join();
    }

    private HttpService recording(HttpService service)
    {
        return service.decorate((delegate, ctx, request) -> {
            Matcher matcher = CREDENTIAL.matcher(request.headers().get("authorization", ""));
            if (matcher.find()) {
                signed.add(new Signed(ctx.path(), matcher.group(1), matcher.group(2)));
            }
            return delegate.serve(ctx, request);
        });
    }

    private OperationHandler recorded(OperationHandler handler)
    {
        return call -> {
            calls.add(call);
            return handler.handle(call);
        };
    }

    private static ObjectNode getUser(OperationCall call)
    {
        String name = call.input().path("UserName").asText("tester");
        if (name.equals("nobody")) {
            throw EmrysException.notFound("The user with name nobody cannot be found.");
        }
        return userOutput(NODES.objectNode().put("UserName", name));
    }

    /** A first page of two users and a marker, then a last page of one. */
    private static ObjectNode listUsers(OperationCall call)
    {
        ObjectNode output = NODES.objectNode();
        if (call.input().has("Marker")) {
            output.putArray("Users").add(user(NODES.objectNode().put("UserName", "carol")));
            return output;
        }
        output.putArray("Users").add(user(NODES.objectNode().put("UserName", "alice"))).add(user(NODES.objectNode().put("UserName", "bob")));
        return output.put("IsTruncated", true).put("Marker", "page-2");
    }

    private static ObjectNode userOutput(JsonNode input)
    {
        ObjectNode output = NODES.objectNode();
        output.set("User", user(input));
        return output;
    }

    private static ObjectNode user(JsonNode input)
    {
        String name = input.path("UserName").asText();
        ObjectNode user = NODES.objectNode().put("Path", input.path("Path").asText("/")).put("UserName", name)
                .put("UserId", "AIDA" + name.toUpperCase(Locale.ROOT)).put("Arn", "arn:aws:iam::123456789012:user/" + name)
                .put("CreateDate", CREATED);
        if (input.has("Tags")) {
            user.set("Tags", input.get("Tags"));
        }
        return user;
    }

    private static ObjectNode assumeRole(OperationCall call)
    {
        ObjectNode output = NODES.objectNode();
        output.putObject("Credentials").put("AccessKeyId", "ASIAEMRYSTEST0000001").put("SecretAccessKey", "secret")
                .put("SessionToken", "token-" + call.input().path("RoleSessionName").asText()).put("Expiration", "2026-12-03T11:00:00Z");
        output.putObject("AssumedRoleUser").put("AssumedRoleId", "AROAEMRYS:" + call.input().path("RoleSessionName").asText())
                .put("Arn", call.input().path("RoleArn").asText());
        // the size reports what arrived, so a test can see every list member reached the handler
        return output.put("PackedPolicySize", call.input().path("Tags").size() * 10 + call.input().path("PolicyArns").size());
    }
}
