package io.emrys.api.serverless;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.access.AccessRequest;
import io.emrys.api.access.AccessRules;
import io.emrys.api.protocol.OperationCall;
import io.emrys.common.Account;
import java.util.ArrayList;
import java.util.List;

/**
 * EMR Serverless's permissions, as its service authorization reference gives them: {@code emr-serverless:<Operation>}
 * on the most specific resource the input names (a session, a job run, an application, a tagged ARN), creating and
 * listing applications on the account's applications; StartJobRun and StartSession also need {@code iam:PassRole} on
 * the execution role, passed to {@code emr-serverless.amazonaws.com}. Request tags become {@code aws:RequestTag/...}
 * and {@code aws:TagKeys}.
 */
public final class ServerlessAccessRules
        implements AccessRules
{
    static final String SERVICE_PRINCIPAL = "emr-serverless.amazonaws.com";

    private final Account account;

    public ServerlessAccessRules(Account account)
    {
        this.account = requireNonNull(account, "account is null");
    }

    @Override
    public List<AccessRequest> required(OperationCall call)
    {
        ObjectNode input = call.input();
        String action = "emr-serverless:" + call.operationName();
        List<AccessRequest> required = new ArrayList<>();
        required.add(new AccessRequest(action, resource(call.operationName(), input), keys -> {
            List<String> tagKeys = new ArrayList<>();
            input.path("tags").fields().forEachRemaining(tag -> {
                keys.requestTag(tag.getKey(), tag.getValue().asText());
                tagKeys.add(tag.getKey());
            });
            input.path("tagKeys").forEach(key -> tagKeys.add(key.asText()));
            if (!tagKeys.isEmpty()) {
                keys.tagKeys(tagKeys);
            }
        }));
        if (input.hasNonNull("executionRoleArn") && (call.operationName().equals("StartJobRun") || call.operationName().equals("StartSession"))) {
            required.add(new AccessRequest("iam:PassRole", input.get("executionRoleArn").asText(), keys -> keys.passedToService(SERVICE_PRINCIPAL)));
        }
        return required;
    }

    private String resource(String operation, ObjectNode input)
    {
        String applications = "arn:aws:emr-serverless:" + account.region() + ":" + account.accountId() + ":/applications";
        if (operation.equals("ListApplications")) {
            return "*";
        }
        if (operation.equals("CreateApplication")) {
            return applications + "/*";
        }
        if (input.hasNonNull("resourceArn")) {
            return input.get("resourceArn").asText();
        }
        String application = applications + "/" + input.path("applicationId").asText();
        if (input.hasNonNull("sessionId")) {
            return application + "/sessions/" + input.get("sessionId").asText();
        }
        if (input.hasNonNull("jobRunId")) {
            return application + "/jobruns/" + input.get("jobRunId").asText();
        }
        if (operation.equals("GetResourceDashboard") && input.path("resourceType").asText().equals("SESSION")) {
            return application + "/sessions/" + input.path("resourceId").asText();
        }
        return input.hasNonNull("applicationId") ? application : "*";
    }
}
