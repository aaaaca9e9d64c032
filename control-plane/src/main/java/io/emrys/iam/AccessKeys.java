package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.AccessKeyGenerator;
import io.emrys.common.Credential;
import io.emrys.store.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's access keys, served to signature verification from memory: the root key (created with the account,
 * a random 12-digit id, at first start), IAM users' active keys and the temporary keys of live role sessions. The IAM
 * and STS services write the tables first and then tell this store ({@link #register}, {@link #forget}).
 */
public final class AccessKeys
{
    private final Map<String, Credential> byAccessKey = new ConcurrentHashMap<>();
    private final Credential root;

    public AccessKeys(Transactions transactions, AccessKeyDao dao, Clock clock)
    {
        requireNonNull(transactions, "transactions is null");
        requireNonNull(dao, "dao is null");
        requireNonNull(clock, "clock is null");
        // keys stored by an older Emrys in plain text are sealed before anything else reads them
        transactions.write(dao::sealPlaintext);
        List<AccessKeyDao.StoredKey> stored = transactions.read(dao::all);
        if (stored.isEmpty()) {
            Credential created = newRootKey(new SecureRandom());
            transactions.write(handle -> {
                dao.insert(handle, created, Optional.empty(), clock.instant());
                return null;
            });
            stored = transactions.read(dao::all);
        }
        stored.stream().filter(AccessKeyDao.StoredKey::active).forEach(key -> register(key.credential()));
        this.root = stored.stream().filter(key -> key.userName().isEmpty()).findFirst().orElseThrow().credential();
    }

    public Credential root()
    {
        return root;
    }

    public String accountId()
    {
        return root.caller().accountId();
    }

    /** What SigV4 verification reads (the server hands it over as the API's {@code CredentialStore}). */
    public Optional<Credential> find(String accessKeyId)
    {
        return Optional.ofNullable(byAccessKey.get(accessKeyId));
    }

    /** Makes a key usable; call after the transaction that stored it has committed. */
    public void register(Credential credential)
    {
        byAccessKey.put(credential.accessKeyId(), credential);
    }

    /** Makes a key unusable at once; call after the transaction that deleted or deactivated it has committed. */
    public void forget(String accessKeyId)
    {
        byAccessKey.remove(accessKeyId);
    }

    /**
     * Forgets temporary keys that expired before {@code before}: every run and session assumes its execution role (and
     * renews it hourly), so kept for ever they would grow with history. A key expired more recently is still known, so
     * that its use is told it expired rather than that it is unknown.
     */
    public void forgetExpiredBefore(Instant before)
    {
        byAccessKey.values().removeIf(credential -> credential.expiration().filter(expiration -> expiration.isBefore(before)).isPresent());
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
