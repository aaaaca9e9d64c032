package io.emrys.api.auth;

import io.emrys.testing.ClientProcess;
import io.emrys.testing.PythonEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** python3 with boto3 against the decorator: plain calls, a label needing encoding, a presigned URL, refusals. */
@Timeout(120)
class SigV4Boto3IntegrationTest
{
    private static final String SCRIPT = """
            import json, sys, urllib.request, urllib.error
            import boto3
            from botocore.exceptions import ClientError

            endpoint, key, secret = sys.argv[1], sys.argv[2], sys.argv[3]

            def client(access_key, secret_key):
                return boto3.client('emr-serverless', endpoint_url=endpoint, region_name='us-east-1',
                                    aws_access_key_id=access_key, aws_secret_access_key=secret_key)

            def error_code(call):
                try:
                    call()
                    return 'OK'
                except ClientError as e:
                    return e.response['Error']['Code'] + ' ' + str(e.response['ResponseMetadata']['HTTPStatusCode'])

            good = client(key, secret)
            results = {}
            results['list'] = good.list_applications(maxResults=5, states=['CREATED', 'STARTED'])['ResponseMetadata']['HTTPStatusCode']
            results['label'] = good.get_application(applicationId='app+1/2=3')['ResponseMetadata']['HTTPStatusCode']
            results['body'] = good.create_application(name='etl job', type='SPARK', releaseLabel='emr-7.0.0',
                                                      clientToken='t+1')['ResponseMetadata']['HTTPStatusCode']
            url = good.generate_presigned_url('list_applications', Params={'maxResults': 7}, ExpiresIn=300)
            results['presignedHasSignature'] = 'X-Amz-Signature=' in url
            with urllib.request.urlopen(url) as response:
                results['presigned'] = response.status
            try:
                urllib.request.urlopen(url.replace('maxResults=7', 'maxResults=8'))
                results['presignedTampered'] = 200
            except urllib.error.HTTPError as e:
                results['presignedTampered'] = e.code
                results['presignedTamperedType'] = e.headers.get('x-amzn-ErrorType')
            results['wrongSecret'] = error_code(lambda: client(key, 'wrong-secret').list_applications())
            results['unknownKey'] = error_code(lambda: client('AKIAUNKNOWNKEY000000', secret).list_applications())
            print(json.dumps(results))
            """;

    private static EchoServer server;

    @TempDir
    Path scratch;

    @BeforeAll
    static void startServer()
    {
        server = new EchoServer();
    }

    @AfterAll
    static void stopServer()
    {
        server.close();
    }

    @Test
    void boto3CallsArePassedOrRefusedWithTheRightCodes()
            throws Exception
    {
        Path script = Files.writeString(scratch.resolve("client.py"), SCRIPT);
        ClientProcess.Result result = ClientProcess.run(
                List.of(PythonEnvironment.python(), script.toString(), server.endpoint(), EchoServer.ACCESS_KEY_ID, EchoServer.SECRET_ACCESS_KEY),
                ClientProcess.environment("unused", "unused", scratch),
                Duration.ofSeconds(90));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode results = new ObjectMapper().readTree(result.stdout());

        assertThat(results.path("list").asInt()).isEqualTo(200);
        assertThat(results.path("label").asInt()).isEqualTo(200);
        assertThat(results.path("body").asInt()).isEqualTo(200);
        assertThat(results.path("presignedHasSignature").asBoolean()).isTrue();
        assertThat(results.path("presigned").asInt()).isEqualTo(200);
        assertThat(results.path("presignedTampered").asInt()).isEqualTo(403);
        assertThat(results.path("presignedTamperedType").asText()).isEqualTo("InvalidSignatureException");
        assertThat(results.path("wrongSecret").asText()).isEqualTo("InvalidSignatureException 403");
        assertThat(results.path("unknownKey").asText()).isEqualTo("UnrecognizedClientException 403");

        List<EchoServer.Call> calls = server.calls();
        assertThat(calls).hasSize(4);
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.caller().accessKeyId()).isEqualTo(EchoServer.ACCESS_KEY_ID);
            assertThat(call.signingService()).isEqualTo("emr-serverless");
        });
        assertThat(calls.get(1).rawPath()).isEqualTo("/applications/app%2B1%2F2%3D3");
        assertThat(calls.get(2).body()).contains("\"name\": \"etl job\"").contains("t+1");
        assertThat(calls.get(3).rawPath()).contains("X-Amz-Signature=");
    }
}
