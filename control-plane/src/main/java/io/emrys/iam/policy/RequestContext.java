package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

/**
 * One request as the evaluator sees it: who asks, the action ({@code emr-serverless:StartJobRun}), the resource's
 * ARN ({@code *} for actions that name no resource) and the request's condition keys.
 */
public record RequestContext(RequestPrincipal principal, String action, String resource, ConditionKeys keys)
{
    public RequestContext
    {
        requireNonNull(principal, "principal is null");
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(keys, "keys is null");
        if (action.isEmpty()) {
            throw new IllegalArgumentException("action is empty");
        }
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("resource is empty");
        }
    }

    /** A request whose only condition keys are those of its principal ({@link ConditionKeys.Builder#principal}). */
    public static RequestContext of(RequestPrincipal principal, String action, String resource)
    {
        return new RequestContext(principal, action, resource, ConditionKeys.builder().principal(principal).build());
    }
}
