package io.emrys.api.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.iam.IamErrors;
import io.emrys.api.sts.StsErrors;
import io.emrys.error.EmrysException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.smithy.model.Model;
import software.amazon.smithy.model.shapes.ShapeId;

/** The awsQuery codec under the protocol-neutral pipeline, on AWS's own IAM and STS models. */
@Timeout(60)
class AwsQueryCodecTest
{
    private static final Model IAM = SmithyModels.iam();
    private static final Model STS = SmithyModels.sts();
    private static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final AwsQueryCodec iam = new AwsQueryCodec(IAM, SmithyModels.IAM, new IamErrors(), ValidationStyle.AWS_QUERY);
    private final AwsQueryCodec sts = new AwsQueryCodec(STS, SmithyModels.STS, new StsErrors(), ValidationStyle.AWS_QUERY);

    @Test
    void decodesCreateUserWithAListOfTagStructures()
    {
        DecodedCall call = iam.decode(form("Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fteam%2F"
                + "&Tags.member.1.Key=team&Tags.member.1.Value=data+eng&Tags.member.2.Key=env&Tags.member.2.Value=a%2Bb"));

        assertThat(call.operation().getId().getName()).isEqualTo("CreateUser");
        ObjectNode expected = NODES.objectNode().put("Path", "/team/").put("UserName", "alice");
        expected.putArray("Tags").add(NODES.objectNode().put("Key", "team").put("Value", "data eng"))
                .add(NODES.objectNode().put("Key", "env").put("Value", "a+b"));
        assertThat(call.input()).isEqualTo(expected);
    }

    @Test
    void ordersListElementsByTheirIndexNotByTheirPlaceInTheForm()
    {
        DecodedCall call = iam.decode(form("Action=CreateUser&Version=2010-05-08&UserName=alice"
                + "&Tags.member.10.Key=ten&Tags.member.10.Value=10&Tags.member.2.Key=two&Tags.member.2.Value=2"));

        assertThat(call.input().path("Tags").findValuesAsText("Key")).containsExactly("two", "ten");
    }

    @Test
    void decodesAnEmptyValueOfAListAsTheEmptyList()
    {
        DecodedCall call = iam.decode(form("Action=CreateUser&Version=2010-05-08&UserName=alice&Tags="));

        assertThat(call.input().get("Tags")).isEqualTo(NODES.arrayNode());
    }

    @Test
    void readsAnIntegerAndMergesTheQueryStringWithTheBody()
    {
        WireRequest request = new WireRequest("POST", "/iam", Map.of("Marker", List.of("page-2")), formHeaders(),
                utf8("Action=ListUsers&Version=2010-05-08&MaxItems=50"));

        DecodedCall call = iam.decode(request);

        assertThat(call.operation().getId().getName()).isEqualTo("ListUsers");
        assertThat(call.input()).isEqualTo(NODES.objectNode().put("Marker", "page-2").put("MaxItems", 50L));
    }

    @Test
    void takesTheWholeCallFromTheQueryStringOfAGet()
    {
        WireRequest request = new WireRequest("GET", "/", Map.of("Action", List.of("ListUsers"), "Version", List.of("2010-05-08"),
                "PathPrefix", List.of("/team/")), Map.of(), new byte[0]);

        assertThat(iam.decode(request).input()).isEqualTo(NODES.objectNode().put("PathPrefix", "/team/"));
    }

    @Test
    void decodesAPolicyDocumentAsText()
    {
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
        DecodedCall call = iam.decode(form("Action=PutUserPolicy&Version=2010-05-08&UserName=alice&PolicyName=s3"
                + "&PolicyDocument=" + URLEncoder.encode(policy, StandardCharsets.UTF_8)));

        assertThat(call.input()).isEqualTo(NODES.objectNode().put("UserName", "alice").put("PolicyName", "s3").put("PolicyDocument", policy));
    }

    @Test
    void decodesAssumeRoleWithTagsKeysPolicyArnsAndDuration()
    {
        DecodedCall call = sts.decode(form("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fetl"
                + "&RoleSessionName=s1&DurationSeconds=3600&Tags.member.1.Key=project&Tags.member.1.Value=x"
                + "&TransitiveTagKeys.member.1=project&TransitiveTagKeys.member.2=team"
                + "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
                + "&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fmine"));

        ObjectNode expected = NODES.objectNode().put("RoleArn", "arn:aws:iam::123456789012:role/etl").put("RoleSessionName", "s1");
        expected.putArray("PolicyArns").add(NODES.objectNode().put("arn", "arn:aws:iam::aws:policy/ReadOnlyAccess"))
                .add(NODES.objectNode().put("arn", "arn:aws:iam::123456789012:policy/mine"));
        expected.put("DurationSeconds", 3600L);
        expected.putArray("Tags").add(NODES.objectNode().put("Key", "project").put("Value", "x"));
        expected.putArray("TransitiveTagKeys").add("project").add("team");
        assertThat(call.input()).isEqualTo(expected);
    }

    @Test
    void answersAnUnknownActionWithInvalidAction()
    {
        WireResponse response = serveIam(form("Action=Frobnicate&Version=2010-05-08"), call -> {
            throw new AssertionError("no handler may run");
        });

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                + "<Message>Could not find operation Frobnicate for version 2010-05-08</Message></Error>"
                + "<RequestId>request-1</RequestId></ErrorResponse>");
    }

    @Test
    void answersAnActionOfAnotherVersionOrNoActionWithInvalidAction()
    {
        assertThat(text(serveIam(form("Action=GetUser&Version=2011-06-15"), call -> NODES.objectNode())))
                .contains("<Code>InvalidAction</Code><Message>Could not find operation GetUser for version 2011-06-15</Message>");
        assertThat(text(serveIam(form("Action=GetUser"), call -> NODES.objectNode())))
                .contains("<Code>InvalidAction</Code><Message>Could not find operation GetUser for version </Message>");
        assertThat(serveIam(form("Version=2010-05-08"), call -> NODES.objectNode()).status()).isEqualTo(400);
    }

    @Test
    void writesGetUserAsAResultInTheServicesNamespace()
    {
        ObjectNode user = NODES.objectNode().put("Path", "/").put("UserName", "alice").put("UserId", "AIDAEXAMPLE")
                .put("Arn", "arn:aws:iam::123456789012:user/alice").put("CreateDate", "2026-12-03T10:00:00Z");
        user.putObject("PermissionsBoundary").put("PermissionsBoundaryType", "Policy").put("PermissionsBoundaryArn", "arn:aws:iam::aws:policy/Boundary");
        user.putArray("Tags").add(NODES.objectNode().put("Key", "team").put("Value", "a<b & \"c\""));
        ObjectNode output = NODES.objectNode();
        output.set("User", user);

        WireResponse response = serveIam(form("Action=GetUser&Version=2010-05-08&UserName=alice"), call -> output);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("text/xml");
        assertThat(response.headers()).contains(Map.entry(ProtocolDispatcher.REQUEST_ID_HEADER, "request-1"));
        assertThat(text(response)).isEqualTo("<GetUserResponse xmlns=\"" + IAM_NS + "\"><GetUserResult><User>"
                + "<Path>/</Path><UserName>alice</UserName><UserId>AIDAEXAMPLE</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn>"
                + "<CreateDate>2026-12-03T10:00:00Z</CreateDate>"
                + "<PermissionsBoundary><PermissionsBoundaryType>Policy</PermissionsBoundaryType>"
                + "<PermissionsBoundaryArn>arn:aws:iam::aws:policy/Boundary</PermissionsBoundaryArn></PermissionsBoundary>"
                + "<Tags><member><Key>team</Key><Value>a&lt;b &amp; \"c\"</Value></member></Tags>"
                + "</User></GetUserResult><ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata></GetUserResponse>");
    }

    @Test
    void writesListUsersWithAListOfStructuresTheTruncationFlagAndTheMarker()
    {
        ObjectNode output = NODES.objectNode();
        output.putArray("Users")
                .add(user("alice", "2026-12-03T10:00:00Z"))
                .add(user("bob", "2026-12-03T10:00:01.500Z"));
        output.put("IsTruncated", true).put("Marker", "next");

        WireResponse response = serveIam(form("Action=ListUsers&Version=2010-05-08&MaxItems=2"), call -> output);

        assertThat(text(response)).isEqualTo("<ListUsersResponse xmlns=\"" + IAM_NS + "\"><ListUsersResult><Users>"
                + "<member><Path>/</Path><UserName>alice</UserName><UserId>ID-alice</UserId><Arn>arn:aws:iam::123456789012:user/alice</Arn>"
                + "<CreateDate>2026-12-03T10:00:00Z</CreateDate></member>"
                + "<member><Path>/</Path><UserName>bob</UserName><UserId>ID-bob</UserId><Arn>arn:aws:iam::123456789012:user/bob</Arn>"
                + "<CreateDate>2026-12-03T10:00:01.500Z</CreateDate></member>"
                + "</Users><IsTruncated>true</IsTruncated><Marker>next</Marker></ListUsersResult>"
                + "<ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata></ListUsersResponse>");
    }

    @Test
    void fillsTheModeledDefaultOfIsTruncated()
    {
        ObjectNode output = NODES.objectNode();
        output.putArray("Users");

        assertThat(text(serveIam(form("Action=ListUsers&Version=2010-05-08"), call -> output)))
                .contains("<ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult>");
    }

    @Test
    void answersAnOperationWithoutOutputWithResponseMetadataAlone()
    {
        WireResponse response = serveIam(form("Action=PutUserPolicy&Version=2010-05-08&UserName=alice&PolicyName=p&PolicyDocument=%7B%7D"),
                call -> NODES.objectNode());

        assertThat(text(response)).isEqualTo("<PutUserPolicyResponse xmlns=\"" + IAM_NS + "\">"
                + "<ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata></PutUserPolicyResponse>");
    }

    @Test
    void writesGetCallerIdentityInTheStsNamespace()
    {
        AtomicReference<OperationCall> seen = new AtomicReference<>();
        WireResponse response = serve(sts, STS, SmithyModels.STS, form("Action=GetCallerIdentity&Version=2011-06-15"), call -> {
            seen.set(call);
            return NODES.objectNode().put("UserId", "AIDAEXAMPLE").put("Account", call.caller().accountId()).put("Arn", call.caller().principalArn());
        });

        assertThat(seen.get().input()).isEmpty();
        assertThat(text(response)).isEqualTo("<GetCallerIdentityResponse xmlns=\"" + STS_NS + "\"><GetCallerIdentityResult>"
                + "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:root</Arn>"
                + "</GetCallerIdentityResult><ResponseMetadata><RequestId>request-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>");
    }

    @Test
    void writesNoSuchEntityWithItsQueryCodeStatusAndTypeSender()
    {
        WireResponse response = serveIam(form("Action=GetUser&Version=2010-05-08&UserName=nobody"), call -> {
            throw EmrysException.notFound("The user with name nobody cannot be found.");
        });

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("text/xml");
        assertThat(text(response)).isEqualTo("<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                + "<Message>The user with name nobody cannot be found.</Message></Error><RequestId>request-1</RequestId></ErrorResponse>");
    }

    @Test
    void writesAConflictAsEntityAlreadyExists()
    {
        WireResponse response = serveIam(form("Action=CreateUser&Version=2010-05-08&UserName=alice"), call -> {
            throw EmrysException.conflict("User with name alice already exists.");
        });

        assertThat(response.status()).isEqualTo(409);
        assertThat(text(response)).contains("<Code>EntityAlreadyExists</Code>");
    }

    @Test
    void reportsAMissingRequiredMemberAsValidationErrorInAwsWording()
    {
        WireResponse response = serveIam(form("Action=CreateUser&Version=2010-05-08"), call -> {
            throw new AssertionError("an invalid input never reaches the handler");
        });

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).isEqualTo("<ErrorResponse xmlns=\"" + IAM_NS + "\"><Error><Type>Sender</Type><Code>ValidationError</Code>"
                + "<Message>1 validation error detected: Value null at 'userName' failed to satisfy constraint: Member must not be null</Message>"
                + "</Error><RequestId>request-1</RequestId></ErrorResponse>");
    }

    @Test
    void namesAListElementsMemberAsAwsDoesInAValidationError()
    {
        WireResponse response = serveIam(form("Action=CreateUser&Version=2010-05-08&UserName=alice&Tags.member.1.Key=ok&Tags.member.1.Value=ok"
                + "&Tags.member.2.Key=bad&Tags.member.2.Value=%28x%29"), call -> NODES.objectNode());

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("<Code>ValidationError</Code>")
                .contains("1 validation error detected: Value '(x)' at 'tags.2.member.value' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ");
    }

    @Test
    void reportsAValueThatIsNotOfItsTypeAsAValidationError()
    {
        WireResponse response = serveIam(form("Action=ListUsers&Version=2010-05-08&MaxItems=many"), call -> NODES.objectNode());

        assertThat(response.status()).isEqualTo(400);
        assertThat(text(response)).contains("<Code>ValidationError</Code>")
                .contains("Value 'many' at 'maxItems' failed to satisfy constraint: Member must be a valid integer");
    }

    @Test
    void hidesTheTextOfAnInternalFailureBehindServiceFailureTypeReceiver()
    {
        WireResponse response = serveIam(form("Action=ListUsers&Version=2010-05-08"), call -> {
            throw new IllegalStateException("password=hunter2");
        });

        assertThat(response.status()).isEqualTo(500);
        assertThat(text(response)).doesNotContain("hunter2")
                .contains("<Type>Receiver</Type><Code>ServiceFailure</Code><Message>An internal error occurred. Retry the request later.</Message>");
    }

    @Test
    void answersStsNotFoundAsAccessDenied403()
    {
        WireResponse response = serve(sts, STS, SmithyModels.STS,
                form("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fgone&RoleSessionName=s1"), call -> {
                    throw EmrysException.notFound("Role gone does not exist");
                });

        assertThat(response.status()).isEqualTo(403);
        assertThat(text(response)).contains("<ErrorResponse xmlns=\"" + STS_NS + "\"><Error><Type>Sender</Type><Code>AccessDenied</Code>");
    }

    @Test
    void refusesABodyThatIsNotAForm()
    {
        WireRequest request = new WireRequest("POST", "/", Map.of(), Map.of("content-type", List.of("application/json")), utf8("{}"));

        assertThat(serveIam(request, call -> NODES.objectNode()).status()).isEqualTo(415);
    }

    @Test
    void refusesAServiceItsModelDoesNotDeclareAwsQuery()
    {
        assertThatThrownBy(() -> new AwsQueryCodec(SmithyModels.emrServerless(), SmithyModels.EMR_SERVERLESS, new IamErrors(), ValidationStyle.AWS_QUERY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("@awsQuery");
    }

    private static ObjectNode user(String name, String created)
    {
        return NODES.objectNode().put("Path", "/").put("UserName", name).put("UserId", "ID-" + name)
                .put("Arn", "arn:aws:iam::123456789012:user/" + name).put("CreateDate", created);
    }

    private WireResponse serveIam(WireRequest request, OperationHandler handler)
    {
        return serve(iam, IAM, SmithyModels.IAM, request, handler);
    }

    private static WireResponse serve(AwsQueryCodec codec, Model model, ShapeId service, WireRequest request, OperationHandler handler)
    {
        Map<String, OperationHandler> handlers = Map.of("CreateUser", handler, "GetUser", handler, "ListUsers", handler,
                "PutUserPolicy", handler, "GetCallerIdentity", handler, "AssumeRole", handler);
        Map<String, OperationHandler> served = new HashMap<>();
        handlers.forEach((name, each) -> {
            if (model.getShape(ShapeId.fromParts(service.getNamespace(), name)).isPresent()) {
                served.put(name, each);
            }
        });
        ProtocolDispatcher dispatcher = new ProtocolDispatcher(codec, new OperationPipeline(model, service, served));
        return dispatcher.handle(request, Optional.of(ConformanceServers.CALLER), "request-1", "127.0.0.1");
    }

    private static WireRequest form(String body)
    {
        return new WireRequest("POST", "/", Map.of(), formHeaders(), utf8(body));
    }

    private static Map<String, List<String>> formHeaders()
    {
        return Map.of("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
    }

    private static byte[] utf8(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(WireResponse response)
    {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

}
