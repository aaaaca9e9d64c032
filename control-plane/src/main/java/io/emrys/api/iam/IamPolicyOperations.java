package io.emrys.api.iam;

import static io.emrys.api.iam.IamInputs.optional;
import static io.emrys.api.iam.IamInputs.required;
import static io.emrys.api.iam.IamOutputs.object;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.iam.IamPolicies;
import io.emrys.iam.IamRoles;
import io.emrys.iam.InlinePolicy;
import io.emrys.iam.ManagedPolicy;
import io.emrys.iam.PolicyVersion;
import io.emrys.iam.PrincipalKind;
import io.emrys.iam.PrincipalPolicies;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Roles, managed policies and their versions, and the attached and inline policies of users, groups and roles. */
final class IamPolicyOperations
{
    private final IamRoles roles;
    private final IamPolicies policies;
    private final PrincipalPolicies principals;

    IamPolicyOperations(IamRoles roles, IamPolicies policies, PrincipalPolicies principals)
    {
        this.roles = requireNonNull(roles, "roles is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.principals = requireNonNull(principals, "principals is null");
    }

    void register(Map<String, OperationHandler> handlers)
    {
        registerRoles(handlers);
        registerManagedPolicies(handlers);
        for (PrincipalKind kind : PrincipalKind.values()) {
            registerPrincipalPolicies(handlers, kind);
        }
    }

    private void registerRoles(Map<String, OperationHandler> handlers)
    {
        handlers.put("CreateRole", call -> object().set("Role", IamOutputs.role(roles.create(required(call.input(), "RoleName"),
                optional(call.input(), "Path"), required(call.input(), "AssumeRolePolicyDocument"), optional(call.input(), "Description"),
                Optional.ofNullable(call.input().get("MaxSessionDuration")).map(JsonNode::asInt), IamInputs.tags(call.input())))));
        handlers.put("GetRole", call -> object().set("Role", IamOutputs.role(roles.get(required(call.input(), "RoleName")))));
        handlers.put("ListRoles", call -> IamOutputs.page("Roles",
                IamInputs.page(call.input(), roles.list(optional(call.input(), "PathPrefix")), role -> IamInputs.sortKey(role.roleName())),
                (list, role) -> list.add(IamOutputs.role(role))));
        handlers.put("UpdateAssumeRolePolicy", call -> {
            roles.updateTrustPolicy(required(call.input(), "RoleName"), required(call.input(), "PolicyDocument"));
            return object();
        });
        handlers.put("DeleteRole", call -> {
            roles.delete(required(call.input(), "RoleName"));
            return object();
        });
    }

    private void registerManagedPolicies(Map<String, OperationHandler> handlers)
    {
        handlers.put("CreatePolicy", call -> object().set("Policy", IamOutputs.policy(policies.create(required(call.input(), "PolicyName"),
                optional(call.input(), "Path"), required(call.input(), "PolicyDocument"), optional(call.input(), "Description"),
                IamInputs.tags(call.input())))));
        handlers.put("GetPolicy", call -> object().set("Policy", IamOutputs.policy(policies.get(required(call.input(), "PolicyArn")))));
        handlers.put("ListPolicies", call -> IamOutputs.page("Policies",
                IamInputs.page(call.input(), policies.list(optional(call.input(), "PathPrefix"), call.input().path("OnlyAttached").asBoolean(false),
                        optional(call.input(), "Scope").orElse("All")), policy -> IamInputs.sortKey(policy.policyName())),
                (list, policy) -> list.add(IamOutputs.policy(policy))));
        handlers.put("DeletePolicy", call -> {
            policies.delete(required(call.input(), "PolicyArn"));
            return object();
        });
        handlers.put("CreatePolicyVersion", call -> object().set("PolicyVersion", IamOutputs.version(policies.createVersion(
                required(call.input(), "PolicyArn"), required(call.input(), "PolicyDocument"), call.input().path("SetAsDefault").asBoolean(false)))));
        handlers.put("GetPolicyVersion", call -> object().set("PolicyVersion", IamOutputs.version(
                policies.version(required(call.input(), "PolicyArn"), required(call.input(), "VersionId")))));
        // newest first, so the page key counts down: v10 before v9
        handlers.put("ListPolicyVersions", call -> IamOutputs.page("Versions",
                IamInputs.page(call.input(), policies.versions(required(call.input(), "PolicyArn")), IamPolicyOperations::newestFirst),
                (list, version) -> list.add(IamOutputs.version(version).without("Document"))));
        handlers.put("SetDefaultPolicyVersion", call -> {
            policies.setDefaultVersion(required(call.input(), "PolicyArn"), required(call.input(), "VersionId"));
            return object();
        });
        handlers.put("DeletePolicyVersion", call -> {
            policies.deleteVersion(required(call.input(), "PolicyArn"), required(call.input(), "VersionId"));
            return object();
        });
    }

    /** Attach/Detach/ListAttached{Kind}Policies and Put/Get/List/Delete{Kind}Policy, for {@code kind}. */
    private void registerPrincipalPolicies(Map<String, OperationHandler> handlers, PrincipalKind kind)
    {
        String word = kind.word().substring(0, 1).toUpperCase(Locale.ROOT) + kind.word().substring(1);
        String nameMember = word + "Name";
        handlers.put("Attach" + word + "Policy", call -> {
            principals.attach(kind, required(call.input(), nameMember), required(call.input(), "PolicyArn"));
            return object();
        });
        handlers.put("Detach" + word + "Policy", call -> {
            principals.detach(kind, required(call.input(), nameMember), required(call.input(), "PolicyArn"));
            return object();
        });
        handlers.put("ListAttached" + word + "Policies", call -> {
            String prefix = optional(call.input(), "PathPrefix").orElse("/");
            return IamOutputs.page("AttachedPolicies", IamInputs.page(call.input(),
                    principals.attached(kind, required(call.input(), nameMember)).stream().filter(policy -> policy.path().startsWith(prefix)).toList(),
                    ManagedPolicy::arn), (list, policy) -> list.add(IamOutputs.attached(policy)));
        });
        handlers.put("Put" + word + "Policy", call -> {
            principals.putInline(kind, required(call.input(), nameMember), required(call.input(), "PolicyName"), required(call.input(), "PolicyDocument"));
            return object();
        });
        handlers.put("Get" + word + "Policy", call -> {
            InlinePolicy policy = principals.inline(kind, required(call.input(), nameMember), required(call.input(), "PolicyName"));
            return object().put(nameMember, policy.principalName()).put("PolicyName", policy.policyName())
                    .put("PolicyDocument", IamOutputs.policyDocument(policy.document()));
        });
        handlers.put("List" + word + "Policies", call -> IamOutputs.page("PolicyNames",
                IamInputs.page(call.input(), principals.inlineNames(kind, required(call.input(), nameMember)), IamInputs::sortKey),
                (list, name) -> list.add(name)));
        handlers.put("Delete" + word + "Policy", call -> {
            principals.deleteInline(kind, required(call.input(), nameMember), required(call.input(), "PolicyName"));
            return object();
        });
    }

    private static String newestFirst(PolicyVersion version)
    {
        return "%010d".formatted(Integer.MAX_VALUE - Integer.parseInt(version.versionId().substring(1)));
    }
}
