package io.emrys.api.protocol;

import io.emrys.testing.ClientProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.testing.PythonEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The project's boto3 against IAM at /iam and STS at /sts (and at the root): lists both ways, modeled errors, regions. */
@Timeout(120)
class AwsQueryBoto3IntegrationTest
{
    private static final String SCRIPT = """
            import json, sys
            import boto3
            from botocore.config import Config
            from botocore.exceptions import ClientError

            base, key, secret = sys.argv[1], sys.argv[2], sys.argv[3]

            def client(service, path, region='us-east-1'):
                return boto3.client(service, endpoint_url=base + path, region_name=region, aws_access_key_id=key,
                                    aws_secret_access_key=secret, config=Config(retries={'max_attempts': 1}))

            def error(call):
                try:
                    call()
                    return 'OK'
                except ClientError as e:
                    return {'code': e.response['Error']['Code'], 'message': e.response['Error'].get('Message'),
                            'type': e.response['Error'].get('Type'), 'status': e.response['ResponseMetadata']['HTTPStatusCode']}

            iam = client('iam', '/iam')
            sts = client('sts', '/sts')
            results = {}
            created = iam.create_user(UserName='alice', Tags=[{'Key': 'team', 'Value': 'data eng'}, {'Key': 'env', 'Value': 'a+b=c'}])['User']
            results['created'] = {'name': created['UserName'], 'tags': created['Tags'], 'createDate': created['CreateDate'].isoformat()}
            first = iam.list_users(MaxItems=2)
            results['listed'] = {'names': [user['UserName'] for user in first['Users']], 'truncated': first['IsTruncated'], 'marker': first['Marker']}
            results['paged'] = [user['UserName'] for page in iam.get_paginator('list_users').paginate() for user in page['Users']]
            results['noSuchEntity'] = error(lambda: iam.get_user(UserName='nobody'))
            try:
                iam.get_user(UserName='nobody')
            except iam.exceptions.NoSuchEntityException:
                results['modeledException'] = 'NoSuchEntityException'
            results['validation'] = error(lambda: iam.create_user(UserName='has space'))
            results['identity'] = {k: v for k, v in sts.get_caller_identity().items() if k != 'ResponseMetadata'}
            results['identityAtRoot'] = client('sts', '')._make_api_call('GetCallerIdentity', {})['Arn']
            results['euWest1'] = error(lambda: client('iam', '/iam', 'eu-west-1').list_users())
            print(json.dumps(results))
            """;

    private static AwsQueryTestServer server;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startServer()
    {
        server = new AwsQueryTestServer();
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @Test
    void boto3ReadsListsTimestampsModeledErrorsAndTheCallerIdentity()
            throws Exception
    {
        Path script = Files.writeString(scratch.resolve("client.py"), SCRIPT);
        ClientProcess.Result result = ClientProcess.run(
                List.of(PythonEnvironment.python(), script.toString(), server.endpoint(""), AwsQueryTestServer.ACCESS_KEY_ID, AwsQueryTestServer.SECRET_ACCESS_KEY),
                ClientProcess.environment(AwsQueryTestServer.ACCESS_KEY_ID, "unused", scratch),
                Duration.ofSeconds(90));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode results = new ObjectMapper().readTree(result.stdout());

        assertThat(results.at("/created/name").asText()).isEqualTo("alice");
        assertThat(results.at("/created/tags").toString()).isEqualTo("[{\"Key\":\"team\",\"Value\":\"data eng\"},{\"Key\":\"env\",\"Value\":\"a+b=c\"}]");
        assertThat(results.at("/created/createDate").asText()).isEqualTo("2026-12-03T10:00:00+00:00");
        assertThat(results.at("/listed").toString()).isEqualTo("{\"names\":[\"alice\",\"bob\"],\"truncated\":true,\"marker\":\"page-2\"}");
        assertThat(results.at("/paged").toString()).isEqualTo("[\"alice\",\"bob\",\"carol\"]");
        assertThat(results.at("/noSuchEntity").toString()).isEqualTo("{\"code\":\"NoSuchEntity\",\"message\":\"The user with name nobody cannot be found.\","
                + "\"type\":\"Sender\",\"status\":404}");
        assertThat(results.at("/modeledException").asText()).isEqualTo("NoSuchEntityException");
        assertThat(results.at("/validation/code").asText()).isEqualTo("ValidationError");
        assertThat(results.at("/validation/status").asInt()).isEqualTo(400);
        assertThat(results.at("/validation/message").asText()).startsWith("1 validation error detected: Value 'has space' at 'userName' failed to satisfy constraint");
        assertThat(results.at("/identity").toString()).isEqualTo("{\"UserId\":\"AIDAEMRYSTESTER\",\"Account\":\"123456789012\",\"Arn\":\"arn:aws:iam::123456789012:user/tester\"}");
        assertThat(results.at("/identityAtRoot").asText()).isEqualTo("arn:aws:iam::123456789012:user/tester");
        // boto3 signs IAM with the client's region when the endpoint is overridden, so a eu-west-1 client is refused
        assertThat(results.at("/euWest1/code").asText()).isEqualTo("SignatureDoesNotMatch");
        assertThat(results.at("/euWest1/status").asInt()).isEqualTo(403);

        // boto3 keeps the endpoint's path: every call but the root one went to /iam or /sts
        assertThat(server.signed()).extracting(AwsQueryTestServer.Signed::path).containsOnly("/iam", "/sts", "/");
        assertThat(server.signed()).filteredOn(signed -> signed.path().equals("/")).extracting(AwsQueryTestServer.Signed::service).containsExactly("sts");
        assertThat(server.signed()).filteredOn(signed -> signed.service().equals("iam")).extracting(AwsQueryTestServer.Signed::region)
                .containsOnly("us-east-1", "eu-west-1").last().isEqualTo("eu-west-1");
    }
}
