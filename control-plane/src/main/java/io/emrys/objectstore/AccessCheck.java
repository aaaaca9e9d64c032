package io.emrys.objectstore;

import io.emrys.common.Caller;
import io.emrys.iam.policy.ConditionKeys;
import io.emrys.iam.policy.Decision;
import java.util.function.Consumer;

/** Decides one permission for a caller with IAM's rules; the server hands over {@code io.emrys.iam.AccessDecisions#decide}. */
@FunctionalInterface
public interface AccessCheck
{
    Decision decide(Caller caller, String action, String resource, Consumer<ConditionKeys.Builder> requestKeys);
}
