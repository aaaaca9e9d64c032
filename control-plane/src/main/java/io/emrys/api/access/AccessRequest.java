package io.emrys.api.access;

import static java.util.Objects.requireNonNull;

import io.emrys.iam.policy.ConditionKeys;
import java.util.function.Consumer;

/**
 * One permission an operation needs: the IAM action, the resource's ARN ({@code *} for an action without one) and
 * the request's condition keys for it.
 */
public record AccessRequest(String action, String resource, Consumer<ConditionKeys.Builder> keys)
{
    public AccessRequest
    {
        requireNonNull(action, "action is null");
        requireNonNull(resource, "resource is null");
        requireNonNull(keys, "keys is null");
    }

    public static AccessRequest of(String action, String resource)
    {
        return new AccessRequest(action, resource, builder -> {});
    }
}
