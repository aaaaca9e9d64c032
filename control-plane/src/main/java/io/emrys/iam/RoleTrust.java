package io.emrys.iam;

import io.emrys.common.Caller;

/** Whether a principal may assume a role: the role's trust policy and the caller's own policies, with IAM's rules. */
@FunctionalInterface
interface RoleTrust
{
    boolean mayAssume(Caller caller, IamRole role);
}
