package io.emrys.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.iam.IamDeclarations;
import io.emrys.testing.TestingClock;
import io.emrys.testing.TestingEmrys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Policy;

/** IAM identities declared in a file (--iam-file): applied at start, visible through the IAM API, and safe to apply again. */
@Timeout(120)
class IamDeclarationsIntegrationTest
{
    private static final String DECLARED = """
            {"policies": [{"name": "read-apps", "description": "reads applications",
                           "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "emr-serverless:Get*", "Resource": "*"}]}}],
             "groups":   [{"name": "analysts", "managedPolicies": ["read-apps"]}],
             "users":    [{"name": "alice", "groups": ["analysts"],
                           "policies": {"list": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "emr-serverless:List*", "Resource": "*"}]}}}],
             "roles":    [{"name": "job-role", "maxSessionDuration": 7200,
                           "trustPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "emr-serverless.amazonaws.com"},
                                                                                   "Action": "sts:AssumeRole"}]},
                           "managedPolicies": ["read-apps"]}]}
            """;

    @TempDir
    Path folder;

    @Test
    void declaredIdentitiesExistAfterStartAndApplyingAgainChangesOnlyWhatTheFileChanged()
            throws Exception
    {
        Path file = Files.writeString(folder.resolve("iam.json"), DECLARED);
        try (TestingEmrys emrys = new TestingEmrys(TestingClock.followingSystemTime(), config -> config.withIamFile(file));
                IamClient iam = IamClient.builder().endpointOverride(emrys.apiEndpoint()).region(Region.US_EAST_1).credentialsProvider(emrys.credentials())
                        .httpClient(ApacheHttpClient.create()).build()) {
            assertThat(iam.getGroup(request -> request.groupName("analysts")).users()).extracting(user -> user.userName()).containsExactly("alice");
            assertThat(iam.listUserPolicies(request -> request.userName("alice")).policyNames()).containsExactly("list");
            assertThat(iam.getRole(request -> request.roleName("job-role")).role().maxSessionDuration()).isEqualTo(7200);
            Policy policy = iam.listPolicies().policies().get(0);
            assertThat(policy.policyName()).isEqualTo("read-apps");
            assertThat(policy.attachmentCount()).isEqualTo(2);

            IamDeclarations declarations = new IamDeclarations(emrys.server().iam(), new ObjectMapper());
            declarations.apply(file);
            assertThat(iam.listPolicyVersions(request -> request.policyArn(policy.arn())).versions()).hasSize(1);
            assertThat(iam.listUsers().users()).hasSize(1);

            Files.writeString(file, DECLARED.replace("emr-serverless:Get*", "emr-serverless:GetApplication"));
            declarations.apply(file);
            String document = iam.getPolicyVersion(request -> request.policyArn(policy.arn())
                    .versionId(iam.getPolicy(p -> p.policyArn(policy.arn())).policy().defaultVersionId())).policyVersion().document();
            assertThat(URLDecoder.decode(document, StandardCharsets.UTF_8)).contains("emr-serverless:GetApplication");

            Files.writeString(file, "{\"users\": [{\"name\": \"bob\"}], \"robots\": []}");
            assertThatThrownBy(() -> declarations.apply(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown section 'robots'");
            Files.writeString(file, "{\"users\": [{\"name\": \"carol\", \"policies\": {\"broken\": {\"Statement\": 7}}}]}");
            assertThatThrownBy(() -> declarations.apply(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IAM refuses");
        }
    }
}
