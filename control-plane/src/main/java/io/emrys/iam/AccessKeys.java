package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.api.auth.AccessKeyGenerator;
import io.emrys.api.auth.Credential;
import io.emrys.api.auth.CredentialStore;
import io.emrys.store.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's access keys. At first start it creates the account (a random 12-digit id) and its root key;
 * every later start loads them. Serves signature verification from memory.
 */
public final class AccessKeys
        implements CredentialStore
{
    private final Map<String, Credential> byAccessKey = new ConcurrentHashMap<>();
    private final Credential root;

    public AccessKeys(Transactions transactions, AccessKeyDao dao, Clock clock)
    {
        requireNonNull(transactions, "transactions is null");
        requireNonNull(dao, "dao is null");
        requireNonNull(clock, "clock is null");
        List<Credential> stored = transactions.read(dao::all);
        if (stored.isEmpty()) {
            Credential created = newRootKey(new SecureRandom());
            transactions.write(handle -> {
                dao.insert(handle, created, clock.instant());
                return null;
            });
            stored = List.of(created);
        }
        stored.forEach(credential -> byAccessKey.put(credential.accessKeyId(), credential));
        this.root = stored.get(0);
    }

    public Credential root()
    {
        return root;
    }

    public String accountId()
    {
        return root.caller().accountId();
    }

    @Override
    public Optional<Credential> find(String accessKeyId)
    {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    private static Credential newRootKey(SecureRandom random)
    {
        StringBuilder account = new StringBuilder();
        account.append((char) ('1' + random.nextInt(9)));
        while (account.length() < 12) {
            account.append((char) ('0' + random.nextInt(10)));
        }
        String accountId = account.toString();
        return new AccessKeyGenerator(random).newCredential(accountId, "arn:aws:iam::" + accountId + ":root");
    }
}
