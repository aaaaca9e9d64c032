package io.emrys.api.access;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.audit.AuditEvent;
import io.emrys.audit.AuditTrail;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.iam.AccessDecisions;
import io.emrys.iam.policy.Decision;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts IAM authorization and the audit trail in front of a service's handlers: every permission its
 * {@link AccessRules} name must be allowed before the handler runs, so a denied call changes nothing, and every call,
 * allowed or not, leaves an {@link AuditEvent}. Denials read as AWS words them.
 */
public final class Authorization
{
    private final AccessDecisions decisions;
    private final AuditTrail audit;
    private final Clock clock;

    public Authorization(AccessDecisions decisions, AuditTrail audit, Clock clock)
    {
        this.decisions = requireNonNull(decisions, "decisions is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** @param eventSource the service's signing name, the prefix of its actions ({@code emr-serverless}, {@code iam}, {@code sts}) */
    public Map<String, OperationHandler> guard(String eventSource, Map<String, OperationHandler> handlers, AccessRules rules)
    {
        Map<String, OperationHandler> guarded = new HashMap<>();
        handlers.forEach((operation, handler) -> guarded.put(operation, call -> serve(eventSource, call, handler, rules)));
        return guarded;
    }

    private ObjectNode serve(String eventSource, OperationCall call, OperationHandler handler, AccessRules rules)
    {
        List<AccessRequest> required = rules.required(call);
        String resource = required.isEmpty() ? "*" : required.get(0).resource();
        try {
            check(call, required);
            ObjectNode output = handler.handle(call);
            record(eventSource, call, resource, true, Optional.empty());
            return output;
        }
        catch (EmrysException e) {
            record(eventSource, call, resource, e.code() != ErrorCode.ACCESS_DENIED, Optional.of(e.code().name()));
            throw e;
        }
        catch (RuntimeException e) {
            record(eventSource, call, resource, true, Optional.of(ErrorCode.INTERNAL.name()));
            throw e;
        }
    }

    private void check(OperationCall call, List<AccessRequest> required)
    {
        for (AccessRequest request : required) {
            Decision decision = decisions.decide(call.caller(), request.action(), request.resource(), keys -> {
                keys.sourceIp(call.sourceAddress());
                request.keys().accept(keys);
            });
            if (decision != Decision.ALLOW) {
                String why = decision == Decision.EXPLICIT_DENY ? "with an explicit deny in an identity-based policy"
                        : "because no identity-based policy allows the " + request.action() + " action";
                throw EmrysException.accessDenied("User: " + call.caller().principalArn() + " is not authorized to perform: " + request.action()
                        + " on resource: " + request.resource() + " " + why);
            }
        }
    }

    private void record(String eventSource, OperationCall call, String resource, boolean allowed, Optional<String> errorCode)
    {
        audit.record(new AuditEvent(clock.instant(), call.requestId(), eventSource, eventSource + ":" + call.operationName(), resource,
                call.caller().principalArn(), call.caller().accessKeyId(), call.sourceAddress(), allowed, errorCode));
    }
}
