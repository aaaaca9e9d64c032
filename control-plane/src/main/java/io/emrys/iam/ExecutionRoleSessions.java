package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.ExecutionRoles;
import io.emrys.common.TemporaryCredentials;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.iam.policy.MalformedPolicyException;
import io.emrys.iam.policy.PolicyDocument;
import io.emrys.iam.policy.PolicyEvaluator;
import io.emrys.iam.policy.PolicyType;
import io.emrys.iam.policy.RequestContext;
import io.emrys.iam.policy.RequestPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * EMR Serverless's use of execution roles over this account's IAM: the role must exist and its trust policy must let
 * {@code emr-serverless.amazonaws.com} assume it (the service is the principal, so no identity policy of a caller
 * takes part); each run or session then gets a role session for the role's maximum session duration, narrowed by
 * the run's execution IAM policy as a session policy.
 */
public final class ExecutionRoleSessions
        implements ExecutionRoles
{
    private final IamRoles roles;
    private final IamPolicies policies;
    private final RoleSessions sessions;
    private final String accountId;
    private final ObjectMapper json = new ObjectMapper();
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    public ExecutionRoleSessions(IamModule iam)
    {
        requireNonNull(iam, "iam is null");
        this.roles = iam.roles();
        this.policies = iam.policies();
        this.sessions = iam.sessions();
        this.accountId = iam.accessKeys().accountId();
    }

    @Override
    public void requireAssumable(String roleArn)
    {
        role(roleArn);
    }

    @Override
    public Optional<String> sessionPolicy(Optional<String> policy, List<String> policyArns)
    {
        requireNonNull(policy, "policy is null");
        requireNonNull(policyArns, "policyArns is null");
        if (policy.isEmpty() && policyArns.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> statements = new ArrayList<>();
        policy.ifPresent(document -> statements.addAll(statements(document, "executionIamPolicy.policy")));
        for (String arn : policyArns) {
            String document;
            try {
                ManagedPolicy managed = policies.get(arn);
                document = policies.version(arn, managed.defaultVersionId()).document();
            }
            catch (EmrysException e) {
                if (e.code() != ErrorCode.RESOURCE_NOT_FOUND) {
                    throw e;
                }
                throw EmrysException.validation("executionIamPolicy.policyArns: policy " + arn + " does not exist in account " + accountId);
            }
            statements.addAll(statements(document, "executionIamPolicy.policyArns: policy " + arn));
        }
        ObjectNode combined = json.createObjectNode();
        combined.put("Version", PolicyDocument.VERSION_2012_10_17);
        ArrayNode all = combined.putArray("Statement");
        statements.forEach(all::add);
        return Optional.of(combined.toString());
    }

    @Override
    public TemporaryCredentials assume(String roleArn, String sessionName, Optional<String> sessionPolicy)
    {
        IamRole role = role(roleArn);
        RoleSessions.AssumedRole assumed = sessions.assumeAsService(role, SERVICE_PRINCIPAL, sessionName, Duration.ofSeconds(role.maxSessionDuration()),
                sessionPolicy);
        return new TemporaryCredentials(assumed.session().credential().accessKeyId(), assumed.session().credential().secretAccessKey(),
                assumed.sessionToken(), assumed.session().credential().expiration().orElseThrow(), assumed.session().credential().caller().principalArn());
    }

    private IamRole role(String roleArn)
    {
        IamRole role = roles.byArn(roleArn).orElseThrow(() -> EmrysException.validation(
                "Execution role " + roleArn + " is not valid: it is not a role of account " + accountId + " (no such role)"));
        boolean trusted = evaluator.evaluateTrust(RequestContext.of(RequestPrincipal.service(SERVICE_PRINCIPAL), TrustEvaluation.ASSUME_ROLE, role.arn()),
                PolicyDocument.parse(role.trustPolicy(), PolicyType.TRUST)).allowed();
        if (!trusted) {
            throw EmrysException.validation("Execution role " + roleArn + " cannot be assumed by " + SERVICE_PRINCIPAL
                    + ": its trust policy does not allow " + SERVICE_PRINCIPAL + " to perform sts:AssumeRole");
        }
        return role;
    }

    private List<JsonNode> statements(String document, String what)
    {
        try {
            PolicyDocument.parse(document, PolicyType.IDENTITY);
        }
        catch (MalformedPolicyException e) {
            throw EmrysException.validation(what + " is not a valid IAM policy: " + e.getMessage());
        }
        try {
            JsonNode statement = json.readTree(document).path("Statement");
            List<JsonNode> list = new ArrayList<>();
            if (statement.isArray()) {
                statement.forEach(list::add);
            }
            else {
                list.add(statement);
            }
            return list;
        }
        catch (JsonProcessingException e) {
            throw EmrysException.validation(what + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
