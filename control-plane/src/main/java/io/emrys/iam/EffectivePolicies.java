package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the policy documents in force for a caller. Answers are cached per access key and dropped whenever any IAM
 * change commits (the context's generation moves; AssumeRole is one), so a policy change takes effect on the next
 * request and the cache holds only keys used since the last change.
 */
public final class EffectivePolicies
{
    private record Cached(long generation, PrincipalDocuments documents) {}

    private final IamContext iam;
    private final PrincipalPolicies principals;
    private final Map<String, Cached> byAccessKey = new ConcurrentHashMap<>();
    private final AtomicLong cleanedAt = new AtomicLong(-1);

    EffectivePolicies(IamContext iam, PrincipalPolicies principals)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.principals = requireNonNull(principals, "principals is null");
    }

    public PrincipalDocuments of(Caller caller)
    {
        long generation = iam.generation();
        Cached cached = byAccessKey.get(caller.accessKeyId());
        if (cached != null && cached.generation() == generation) {
            return cached.documents();
        }
        if (cleanedAt.getAndSet(generation) != generation) {
            // after a change every entry is stale: dropping them keeps the cache to the keys used since the last change
            byAccessKey.values().removeIf(entry -> entry.generation() != generation);
        }
        PrincipalDocuments documents = load(caller);
        byAccessKey.put(caller.accessKeyId(), new Cached(generation, documents));
        return documents;
    }

    private PrincipalDocuments load(Caller caller)
    {
        String arn = caller.principalArn();
        if (arn.equals("arn:aws:iam::" + iam.accountId + ":root")) {
            return new PrincipalDocuments(true, List.of(), Optional.empty(), arn, Optional.empty());
        }
        String resource = arn.split(":", 6)[5];
        if (resource.startsWith("assumed-role/")) {
            String roleName = resource.split("/")[1];
            return iam.read(handle -> {
                Optional<RoleSession> session = iam.sessions.live(handle, iam.clock.instant()).stream()
                        .filter(live -> live.credential().accessKeyId().equals(caller.accessKeyId()))
                        .findFirst();
                String roleArn = iam.identities.role(handle, roleName).map(IamRole::arn).orElse(arn);
                List<String> documents = iam.identities.role(handle, roleName).isPresent()
                        ? principals.documentsOf(handle, PrincipalKind.ROLE, roleName) : List.of();
                return new PrincipalDocuments(false, documents, session.flatMap(RoleSession::sessionPolicy), roleArn, Optional.empty());
            });
        }
        String userName = resource.substring(resource.lastIndexOf('/') + 1);
        return iam.read(handle -> {
            List<String> documents = new ArrayList<>();
            if (iam.identities.user(handle, userName).isPresent()) {
                documents.addAll(principals.documentsOf(handle, PrincipalKind.USER, userName));
                for (String group : iam.identities.groupsOf(handle, userName)) {
                    documents.addAll(principals.documentsOf(handle, PrincipalKind.GROUP, group));
                }
            }
            return new PrincipalDocuments(false, documents, Optional.empty(), arn, Optional.of(userName));
        });
    }
}
