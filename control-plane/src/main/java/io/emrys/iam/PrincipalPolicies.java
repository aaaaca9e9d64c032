package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * The policies of one user, group or role: managed policies attached to it (Attach/Detach/ListAttached...Policies)
 * and its inline policies (Put/Get/List/Delete...Policy). One class for the three kinds, because IAM's operations
 * for them differ only in the kind's name.
 */
public final class PrincipalPolicies
{
    private final IamContext iam;
    private final IamPolicies managed;
    private final PolicyDocuments documents;

    PrincipalPolicies(IamContext iam, IamPolicies managed, PolicyDocuments documents)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.managed = requireNonNull(managed, "managed is null");
        this.documents = requireNonNull(documents, "documents is null");
    }

    public void attach(PrincipalKind kind, String principalName, String policyArn)
    {
        iam.write(handle -> {
            requirePrincipal(handle, kind, principalName);
            managed.policy(handle, policyArn);
            iam.policies.attach(handle, kind, principalName, policyArn);
            return null;
        });
    }

    public void detach(PrincipalKind kind, String principalName, String policyArn)
    {
        iam.write(handle -> {
            requirePrincipal(handle, kind, principalName);
            if (!iam.policies.detach(handle, kind, principalName, policyArn)) {
                throw IamContext.noSuchEntity("Policy " + policyArn + " was not found.");
            }
            return null;
        });
    }

    /** The attached managed policies, sorted by ARN. */
    public List<ManagedPolicy> attached(PrincipalKind kind, String principalName)
    {
        return iam.read(handle -> {
            requirePrincipal(handle, kind, principalName);
            return iam.policies.attached(handle, kind, principalName).stream().map(arn -> managed.policy(handle, arn)).toList();
        });
    }

    public void putInline(PrincipalKind kind, String principalName, String policyName, String document)
    {
        documents.identityPolicy(document);
        iam.write(handle -> {
            String stored = requirePrincipal(handle, kind, principalName);
            iam.policies.putInline(handle, new InlinePolicy(kind, stored, policyName, document));
            return null;
        });
    }

    public InlinePolicy inline(PrincipalKind kind, String principalName, String policyName)
    {
        return iam.read(handle -> {
            requirePrincipal(handle, kind, principalName);
            return iam.policies.inline(handle, kind, principalName).stream()
                    .filter(policy -> IdentityDao.key(policy.policyName()).equals(IdentityDao.key(policyName)))
                    .findFirst()
                    .orElseThrow(() -> IamContext.noSuchEntity("The " + kind.word() + " policy with name " + policyName + " cannot be found."));
        });
    }

    /** Names of the inline policies, sorted. */
    public List<String> inlineNames(PrincipalKind kind, String principalName)
    {
        return iam.read(handle -> {
            requirePrincipal(handle, kind, principalName);
            return iam.policies.inline(handle, kind, principalName).stream().map(InlinePolicy::policyName).toList();
        });
    }

    public void deleteInline(PrincipalKind kind, String principalName, String policyName)
    {
        iam.write(handle -> {
            requirePrincipal(handle, kind, principalName);
            if (!iam.policies.deleteInline(handle, kind, principalName, policyName)) {
                throw IamContext.noSuchEntity("The " + kind.word() + " policy with name " + policyName + " cannot be found.");
            }
            return null;
        });
    }

    /** Every policy document in force for the principal itself (inline, then attached managed policies' default versions). */
    List<String> documentsOf(Handle handle, PrincipalKind kind, String principalName)
    {
        List<String> inline = iam.policies.inline(handle, kind, principalName).stream().map(InlinePolicy::document).toList();
        List<String> attached = iam.policies.attached(handle, kind, principalName).stream().map(arn -> managed.defaultDocument(handle, arn)).toList();
        return Stream.concat(inline.stream(), attached.stream()).toList();
    }

    /** The principal's name as it was created (IAM names are case-insensitive), or NoSuchEntity. */
    private String requirePrincipal(Handle handle, PrincipalKind kind, String principalName)
    {
        return switch (kind) {
            case USER -> iam.user(handle, principalName).userName();
            case GROUP -> iam.group(handle, principalName).groupName();
            case ROLE -> iam.role(handle, principalName).roleName();
        };
    }
}
