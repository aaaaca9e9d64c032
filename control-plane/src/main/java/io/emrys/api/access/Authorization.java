package io.emrys.api.access;

import static java.util.Objects.requireNonNull;

import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.error.EmrysException;
import io.emrys.iam.AccessDecisions;
import io.emrys.iam.policy.Decision;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts IAM authorization in front of a service's handlers: every permission its {@link AccessRules} name must be
 * allowed before the handler runs, so a denied call changes nothing. Denials read as AWS words them.
 */
public final class Authorization
{
    private final AccessDecisions decisions;

    public Authorization(AccessDecisions decisions)
    {
        this.decisions = requireNonNull(decisions, "decisions is null");
    }

    public Map<String, OperationHandler> guard(Map<String, OperationHandler> handlers, AccessRules rules)
    {
        Map<String, OperationHandler> guarded = new HashMap<>();
        handlers.forEach((operation, handler) -> guarded.put(operation, call -> {
            check(call, rules);
            return handler.handle(call);
        }));
        return guarded;
    }

    private void check(OperationCall call, AccessRules rules)
    {
        for (AccessRequest request : rules.required(call)) {
            Decision decision = decisions.decide(call.caller(), request.action(), request.resource(), request.keys());
            if (decision != Decision.ALLOW) {
                String why = decision == Decision.EXPLICIT_DENY ? "with an explicit deny in an identity-based policy"
                        : "because no identity-based policy allows the " + request.action() + " action";
                throw EmrysException.accessDenied("User: " + call.caller().principalArn() + " is not authorized to perform: " + request.action()
                        + " on resource: " + request.resource() + " " + why);
            }
        }
    }
}
