package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.common.AccessKeyGenerator;
import io.emrys.store.Transactions;
import java.security.SecureRandom;
import java.time.Clock;

/** Builds the IAM and STS services over one database; the composition root holds one. */
public final class IamModule
{
    private final AccessKeys accessKeys;
    private final IamUsers users;
    private final IamGroups groups;
    private final IamRoles roles;
    private final IamPolicies policies;
    private final PrincipalPolicies principalPolicies;
    private final RoleSessions sessions;
    private final AccessDecisions decisions;

    private IamModule(AccessKeys accessKeys, IamUsers users, IamGroups groups, IamRoles roles, IamPolicies policies, PrincipalPolicies principalPolicies,
            RoleSessions sessions, AccessDecisions decisions)
    {
        this.accessKeys = accessKeys;
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.policies = policies;
        this.principalPolicies = principalPolicies;
        this.sessions = sessions;
        this.decisions = decisions;
    }

    /** @param sealer seals the secrets stored in the database */
    public static IamModule create(Transactions transactions, SecretSealer sealer, ObjectMapper json, Clock clock)
    {
        requireNonNull(transactions, "transactions is null");
        requireNonNull(sealer, "sealer is null");
        requireNonNull(json, "json is null");
        requireNonNull(clock, "clock is null");
        SecureRandom random = new SecureRandom();
        AccessKeyDao keyDao = new AccessKeyDao(sealer);
        AccessKeys accessKeys = new AccessKeys(transactions, keyDao, clock);
        IamContext iam = new IamContext(accessKeys.accountId(), transactions, new IdentityDao(json), new PolicyDao(json), keyDao, new StsSessionDao(sealer),
                accessKeys, new IamIds(random), clock);
        PolicyDocuments documents = new PolicyDocuments();
        AccessKeyGenerator generator = new AccessKeyGenerator(random);
        IamUsers users = new IamUsers(iam, generator);
        IamRoles roles = new IamRoles(iam, documents);
        IamPolicies policies = new IamPolicies(iam, documents);
        PrincipalPolicies principalPolicies = new PrincipalPolicies(iam, policies, documents);
        EffectivePolicies effective = new EffectivePolicies(iam, principalPolicies);
        AccessDecisions decisions = new AccessDecisions(effective, clock);
        RoleSessions sessions = new RoleSessions(iam, roles, users, documents, new TrustEvaluation(decisions), generator, random);
        return new IamModule(accessKeys, users, new IamGroups(iam), roles, policies, principalPolicies, sessions, decisions);
    }

    public AccessKeys accessKeys()
    {
        return accessKeys;
    }

    public IamUsers users()
    {
        return users;
    }

    public IamGroups groups()
    {
        return groups;
    }

    public IamRoles roles()
    {
        return roles;
    }

    public IamPolicies policies()
    {
        return policies;
    }

    public PrincipalPolicies principalPolicies()
    {
        return principalPolicies;
    }

    public RoleSessions sessions()
    {
        return sessions;
    }

    public AccessDecisions decisions()
    {
        return decisions;
    }
}
