package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import java.util.List;
import java.util.Optional;

/** IAM roles: CreateRole, GetRole, ListRoles, UpdateAssumeRolePolicy, DeleteRole. */
public final class IamRoles
{
    /** IAM's default for a role's longest session, in seconds. */
    static final int DEFAULT_MAX_SESSION_SECONDS = 3600;

    private final IamContext iam;
    private final PolicyDocuments documents;

    IamRoles(IamContext iam, PolicyDocuments documents)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.documents = requireNonNull(documents, "documents is null");
    }

    public IamRole create(String roleName, Optional<String> path, String trustPolicy, Optional<String> description, Optional<Integer> maxSessionDuration,
            List<IamTag> tags)
    {
        String rolePath = path.orElse("/");
        documents.trustPolicy(trustPolicy);
        return iam.write(handle -> {
            if (iam.identities.role(handle, roleName).isPresent()) {
                throw EmrysException.alreadyExists("Role with name " + roleName + " already exists.");
            }
            IamRole role = new IamRole(roleName, iam.ids.next(IamIds.ROLE), rolePath, iam.arn("role", rolePath, roleName), trustPolicy, description,
                    maxSessionDuration.orElse(DEFAULT_MAX_SESSION_SECONDS), tags, iam.clock.instant());
            iam.identities.insertRole(handle, role);
            return role;
        });
    }

    public IamRole get(String roleName)
    {
        return iam.read(handle -> iam.role(handle, roleName));
    }

    /** The role an ARN names, if it is a role of this account. */
    public Optional<IamRole> byArn(String roleArn)
    {
        String prefix = "arn:aws:iam::" + iam.accountId + ":role/";
        if (!roleArn.startsWith(prefix)) {
            return Optional.empty();
        }
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return iam.read(handle -> iam.identities.role(handle, name)).filter(role -> role.arn().equals(roleArn));
    }

    public List<IamRole> list(Optional<String> pathPrefix)
    {
        String prefix = pathPrefix.orElse("/");
        return iam.read(iam.identities::roles).stream().filter(role -> role.path().startsWith(prefix)).toList();
    }

    public void updateTrustPolicy(String roleName, String trustPolicy)
    {
        documents.trustPolicy(trustPolicy);
        iam.write(handle -> {
            iam.role(handle, roleName);
            iam.identities.updateTrustPolicy(handle, roleName, trustPolicy);
            return null;
        });
    }

    /** Also ends the role's live sessions: their temporary keys stop working at once, as the role is gone. */
    public void delete(String roleName)
    {
        List<String> revoked = iam.write(handle -> {
            iam.role(handle, roleName);
            if (!iam.policies.inline(handle, PrincipalKind.ROLE, roleName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!iam.policies.attached(handle, PrincipalKind.ROLE, roleName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            List<String> keys = iam.sessions.live(handle, iam.clock.instant()).stream()
                    .filter(session -> IdentityDao.key(session.roleName()).equals(IdentityDao.key(roleName)))
                    .map(session -> session.credential().accessKeyId())
                    .toList();
            iam.sessions.deleteForRole(handle, roleName);
            iam.identities.deleteRole(handle, roleName);
            return keys;
        });
        revoked.forEach(iam.keyStore::forget);
    }
}
