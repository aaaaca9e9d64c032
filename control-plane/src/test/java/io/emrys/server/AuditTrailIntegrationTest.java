package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * Every API call leaves an audit event (who, action, resource, source address, request id, allowed or denied) that
 * outlives the server and that the operator reads with {@code emrys admin audit}.
 */
@Timeout(180)
class AuditTrailIntegrationTest
{
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void callsAreAuditedWithTheirDecisionAndTheOperatorReadsThemAfterTheServerStops()
            throws Exception
    {
        String account;
        String deniedRequestId;
        Path dataDir;
        try (TestingEmrys emrys = new TestingEmrys(TestingClock.followingSystemTime())) {
            dataDir = emrys.dataDir();
            account = emrys.server().accessKeys().accountId();
            AccessKey key;
            try (IamClient iam = IamClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1).credentialsProvider(emrys.credentials())
                    .httpClient(ApacheHttpClient.create()).build()) {
                iam.createUser(request -> request.userName("gail"));
                key = iam.createAccessKey(request -> request.userName("gail")).accessKey();
            }
            try (EmrServerlessClient gail = EmrServerlessClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                    .httpClient(ApacheHttpClient.create()).build()) {
                AwsServiceException denied = catchThrowableOfType(() -> gail.getApplication(request -> request.applicationId("00fakeapplication")),
                        AwsServiceException.class);
                assertThat(denied.statusCode()).isEqualTo(403);
                deniedRequestId = denied.requestId();
            }
            emrys.serverlessClient().listApplications(request -> {});
        }

        List<JsonNode> deniedEvents = audit("--data-dir", dataDir.toString(), "--denied");
        assertThat(deniedEvents).hasSize(1);
        JsonNode event = deniedEvents.get(0);
        assertThat(event.path("principalArn").asText()).isEqualTo("arn:aws:iam::" + account + ":user/gail");
        assertThat(event.path("action").asText()).isEqualTo("emr-serverless:GetApplication");
        assertThat(event.path("resource").asText()).endsWith(":" + account + ":/applications/00fakeapplication");
        assertThat(event.path("decision").asText()).isEqualTo("DENIED");
        assertThat(event.path("errorCode").asText()).isEqualTo("ACCESS_DENIED");
        assertThat(event.path("sourceIPAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(event.path("requestId").asText()).isEqualTo(deniedRequestId);

        List<JsonNode> rootCalls = audit("--data-dir", dataDir.toString(), "--principal", "arn:aws:iam::" + account + ":root");
        assertThat(rootCalls).extracting(node -> node.path("action").asText())
                .containsExactly("emr-serverless:ListApplications", "iam:CreateAccessKey", "iam:CreateUser");
        assertThat(rootCalls).allSatisfy(node -> assertThat(node.path("decision").asText()).isEqualTo("ALLOWED"));
        assertThat(audit("--data-dir", dataDir.toString(), "--action", "iam:CreateUser", "--limit", "5")).hasSize(1);
    }

    private List<JsonNode> audit(String... arguments)
            throws Exception
    {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new Main());
        command.setOut(new PrintWriter(out));
        List<String> all = new ArrayList<>(List.of("admin", "audit"));
        all.addAll(List.of(arguments));
        assertThat(command.execute(all.toArray(String[]::new))).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            if (!line.isBlank()) {
                events.add(json.readTree(line));
            }
        }
        return events;
    }
}
