package io.emrys.api.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.access.AccessRequest;
import io.emrys.api.access.AccessRules;
import io.emrys.api.protocol.OperationCall;
import java.util.List;

/**
 * IAM's permissions: {@code iam:<Operation>} on the entity the input names (a policy's ARN, else the role, group or
 * user by name; a call about one's own user names the caller), and {@code *} for account-wide listings. ARNs are
 * built with the default path {@code /}.
 */
public final class IamAccessRules
        implements AccessRules
{
    private final String accountId;

    public IamAccessRules(String accountId)
    {
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    @Override
    public List<AccessRequest> required(OperationCall call)
    {
        return List.of(AccessRequest.of("iam:" + call.operationName(), resource(call)));
    }

    private String resource(OperationCall call)
    {
        ObjectNode input = call.input();
        String prefix = "arn:aws:iam::" + accountId + ":";
        if (input.hasNonNull("PolicyArn")) {
            return input.get("PolicyArn").asText();
        }
        if (call.operationName().equals("CreatePolicy")) {
            return prefix + "policy/" + input.path("PolicyName").asText();
        }
        if (input.hasNonNull("RoleName")) {
            return prefix + "role/" + input.get("RoleName").asText();
        }
        if (input.hasNonNull("GroupName")) {
            return prefix + "group/" + input.get("GroupName").asText();
        }
        if (input.hasNonNull("UserName")) {
            return prefix + "user/" + input.get("UserName").asText();
        }
        boolean aboutCaller = switch (call.operationName()) {
            case "GetUser", "CreateAccessKey", "ListAccessKeys", "UpdateAccessKey", "DeleteAccessKey" -> true;
            default -> false;
        };
        return aboutCaller ? call.caller().principalArn() : "*";
    }
}
