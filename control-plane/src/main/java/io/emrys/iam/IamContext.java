package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.store.Transactions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * What the IAM services share: the account, the tables, the in-memory key store, ids, the clock, and a generation
 * number that every committed IAM change bumps, so that cached policy decisions ({@link EffectivePolicies}) never
 * outlive the policies they were made from.
 */
final class IamContext
{
    final String accountId;
    final Transactions transactions;
    final IdentityDao identities;
    final PolicyDao policies;
    final AccessKeyDao keys;
    final StsSessionDao sessions;
    final AccessKeys keyStore;
    final IamIds ids;
    final Clock clock;
    private final AtomicLong generation = new AtomicLong();

    IamContext(String accountId, Transactions transactions, IdentityDao identities, PolicyDao policies, AccessKeyDao keys, StsSessionDao sessions,
            AccessKeys keyStore, IamIds ids, Clock clock)
    {
        this.accountId = requireNonNull(accountId, "accountId is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.identities = requireNonNull(identities, "identities is null");
        this.policies = requireNonNull(policies, "policies is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.keyStore = requireNonNull(keyStore, "keyStore is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Runs an IAM change in one transaction; the generation moves only once it has committed. */
    <T> T write(Function<Handle, T> work)
    {
        T result = transactions.write(work);
        generation.incrementAndGet();
        return result;
    }

    <T> T read(Function<Handle, T> work)
    {
        return transactions.read(work);
    }

    long generation()
    {
        return generation.get();
    }

    String arn(String kind, String path, String name)
    {
        return "arn:aws:iam::" + accountId + ":" + kind + path + name;
    }

    IamUser user(Handle handle, String userName)
    {
        return identities.user(handle, userName).orElseThrow(() -> noSuchEntity("The user with name " + userName + " cannot be found."));
    }

    IamGroup group(Handle handle, String groupName)
    {
        return identities.group(handle, groupName).orElseThrow(() -> noSuchEntity("The group with name " + groupName + " cannot be found."));
    }

    IamRole role(Handle handle, String roleName)
    {
        return identities.role(handle, roleName).orElseThrow(() -> noSuchEntity("The role with name " + roleName + " cannot be found."));
    }

    static EmrysException noSuchEntity(String message)
    {
        return EmrysException.notFound(message);
    }

    static EmrysException deleteConflict(String message)
    {
        return new EmrysException(ErrorCode.DELETE_CONFLICT, message);
    }
}
