package io.emrys.api.iam;

import io.emrys.api.protocol.OperationHandler;
import io.emrys.iam.IamModule;
import java.util.HashMap;
import java.util.Map;

/** The IAM operations Emrys serves, by operation name: users, access keys, groups, roles, managed and inline policies. */
public final class IamOperations
{
    private IamOperations() {}

    public static Map<String, OperationHandler> handlers(IamModule iam)
    {
        Map<String, OperationHandler> handlers = new HashMap<>();
        new IamUserOperations(iam.users(), iam.groups()).register(handlers);
        new IamPolicyOperations(iam.roles(), iam.policies(), iam.principalPolicies()).register(handlers);
        return handlers;
    }
}
