package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Customer managed policies and their versions: CreatePolicy ... DeletePolicy, CreatePolicyVersion ... SetDefaultPolicyVersion. */
public final class IamPolicies
{
    /** IAM keeps at most five versions of a managed policy. */
    static final int MAX_VERSIONS = 5;

    private final IamContext iam;
    private final PolicyDocuments documents;

    IamPolicies(IamContext iam, PolicyDocuments documents)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.documents = requireNonNull(documents, "documents is null");
    }

    public ManagedPolicy create(String policyName, Optional<String> path, String document, Optional<String> description, List<IamTag> tags)
    {
        String policyPath = path.orElse("/");
        documents.identityPolicy(document);
        return iam.write(handle -> {
            if (iam.policies.policyNamed(handle, policyName).isPresent()) {
                throw EmrysException.alreadyExists("A policy called " + policyName + " already exists. Duplicate names are not allowed.");
            }
            Instant now = iam.clock.instant();
            ManagedPolicy policy = new ManagedPolicy(iam.arn("policy", policyPath, policyName), policyName, iam.ids.next(IamIds.POLICY), policyPath,
                    description, "v1", 0, tags, now, now);
            iam.policies.insertPolicy(handle, policy, 2);
            iam.policies.insertVersion(handle, policy.arn(), "v1", document, now);
            return policy;
        });
    }

    public ManagedPolicy get(String policyArn)
    {
        return iam.read(handle -> policy(handle, policyArn));
    }

    /**
     * @param onlyAttached only policies attached to some principal
     * @param scope {@code All}, {@code Local} or {@code AWS}: Emrys has no AWS managed policies, so {@code AWS} lists none
     */
    public List<ManagedPolicy> list(Optional<String> pathPrefix, boolean onlyAttached, String scope)
    {
        if (scope.equals("AWS")) {
            return List.of();
        }
        String prefix = pathPrefix.orElse("/");
        return iam.read(iam.policies::policies).stream()
                .filter(policy -> policy.path().startsWith(prefix))
                .filter(policy -> !onlyAttached || policy.attachmentCount() > 0)
                .toList();
    }

    public void delete(String policyArn)
    {
        iam.write(handle -> {
            ManagedPolicy policy = policy(handle, policyArn);
            if (policy.attachmentCount() > 0) {
                throw IamContext.deleteConflict("Cannot delete a policy attached to entities.");
            }
            if (iam.policies.versions(handle, policyArn).size() > 1) {
                throw IamContext.deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's versions. "
                        + "The default version is deleted with the policy.");
            }
            iam.policies.deletePolicy(handle, policyArn);
            return null;
        });
    }

    public PolicyVersion createVersion(String policyArn, String document, boolean setAsDefault)
    {
        documents.identityPolicy(document);
        return iam.write(handle -> {
            ManagedPolicy policy = policy(handle, policyArn);
            if (iam.policies.versions(handle, policyArn).size() >= MAX_VERSIONS) {
                throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, "A managed policy can have up to " + MAX_VERSIONS + " versions. "
                        + "Before you create a new version, you must delete an existing version.");
            }
            int next = iam.policies.nextVersion(handle, policyArn);
            String versionId = "v" + next;
            Instant now = iam.clock.instant();
            iam.policies.insertVersion(handle, policyArn, versionId, document, now);
            iam.policies.updateVersions(handle, policyArn, setAsDefault ? versionId : policy.defaultVersionId(), next + 1, now);
            return new PolicyVersion(versionId, document, setAsDefault, now);
        });
    }

    public PolicyVersion version(String policyArn, String versionId)
    {
        return iam.read(handle -> version(handle, policyArn, versionId));
    }

    /** Newest first, as IAM lists them. */
    public List<PolicyVersion> versions(String policyArn)
    {
        return iam.read(handle -> {
            policy(handle, policyArn);
            List<PolicyVersion> newestFirst = new ArrayList<>(iam.policies.versions(handle, policyArn));
            Collections.reverse(newestFirst);
            return newestFirst;
        });
    }

    public void setDefaultVersion(String policyArn, String versionId)
    {
        iam.write(handle -> {
            version(handle, policyArn, versionId);
            iam.policies.updateVersions(handle, policyArn, versionId, iam.policies.nextVersion(handle, policyArn), iam.clock.instant());
            return null;
        });
    }

    public void deleteVersion(String policyArn, String versionId)
    {
        iam.write(handle -> {
            PolicyVersion version = version(handle, policyArn, versionId);
            if (version.isDefaultVersion()) {
                throw IamContext.deleteConflict("Cannot delete the default version of a policy.");
            }
            iam.policies.deleteVersion(handle, policyArn, versionId);
            return null;
        });
    }

    /** The document of the policy's default version. */
    String defaultDocument(Handle handle, String policyArn)
    {
        return iam.policies.versions(handle, policyArn).stream().filter(PolicyVersion::isDefaultVersion).findFirst().orElseThrow().document();
    }

    ManagedPolicy policy(Handle handle, String policyArn)
    {
        return iam.policies.policy(handle, policyArn)
                .orElseThrow(() -> IamContext.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
    }

    private PolicyVersion version(Handle handle, String policyArn, String versionId)
    {
        policy(handle, policyArn);
        return iam.policies.versions(handle, policyArn).stream().filter(version -> version.versionId().equals(versionId)).findFirst()
                .orElseThrow(() -> IamContext.noSuchEntity("Policy " + policyArn + " version " + versionId + " does not exist or is not attachable."));
    }
}
