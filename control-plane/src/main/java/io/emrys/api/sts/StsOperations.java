package io.emrys.api.sts;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.error.EmrysException;
import io.emrys.iam.CallerIdentity;
import io.emrys.iam.RoleSessions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** STS's operations that Emrys serves: GetCallerIdentity and AssumeRole. */
public final class StsOperations
{
    private final RoleSessions sessions;

    public StsOperations(RoleSessions sessions)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    public Map<String, OperationHandler> handlers()
    {
        Map<String, OperationHandler> handlers = new HashMap<>();
        handlers.put("GetCallerIdentity", this::getCallerIdentity);
        handlers.put("AssumeRole", this::assumeRole);
        return handlers;
    }

    private ObjectNode getCallerIdentity(OperationCall call)
    {
        CallerIdentity identity = sessions.identity(call.caller());
        return JsonNodeFactory.instance.objectNode().put("UserId", identity.userId()).put("Account", identity.account()).put("Arn", identity.arn());
    }

    private ObjectNode assumeRole(OperationCall call)
    {
        ObjectNode input = call.input();
        if (input.has("PolicyArns") && !input.get("PolicyArns").isEmpty()) {
            throw EmrysException.validation("PolicyArns (managed session policies) are not supported by Emrys; pass the session policy inline as Policy.");
        }
        Optional<Duration> duration = Optional.ofNullable(input.get("DurationSeconds")).map(JsonNode::asLong).map(Duration::ofSeconds);
        Optional<String> policy = Optional.ofNullable(input.get("Policy")).map(JsonNode::asText);
        RoleSessions.AssumedRole assumed = sessions.assume(call.caller(), input.path("RoleArn").asText(), input.path("RoleSessionName").asText(),
                duration, policy);
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.putObject("Credentials")
                .put("AccessKeyId", assumed.session().credential().accessKeyId())
                .put("SecretAccessKey", assumed.session().credential().secretAccessKey())
                .put("SessionToken", assumed.sessionToken())
                .put("Expiration", assumed.session().credential().expiration().orElseThrow().toString());
        output.putObject("AssumedRoleUser")
                .put("AssumedRoleId", assumed.assumedRoleId())
                .put("Arn", assumed.session().credential().caller().principalArn());
        policy.ifPresent(text -> output.put("PackedPolicySize", Math.min(100, text.length() * 100 / 2048)));
        return output;
    }
}
