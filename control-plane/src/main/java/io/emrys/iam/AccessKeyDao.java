package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.Caller;
import io.emrys.common.Credential;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code account_keys} table: the root key and IAM users' long-term keys, secrets sealed by {@link SecretSealer}.
 * Rows written before sealing existed hold the secret in plain text; {@link #sealPlaintext} rewrites them.
 */
public final class AccessKeyDao
{
    /** A stored key: its credential (secret opened), the IAM user it belongs to (empty for root) and its status. */
    public record StoredKey(Credential credential, Optional<String> userName, String status, Instant createdAt)
    {
        public StoredKey
        {
            requireNonNull(credential, "credential is null");
            requireNonNull(userName, "userName is null");
            requireNonNull(status, "status is null");
            requireNonNull(createdAt, "createdAt is null");
        }

        public boolean active()
        {
            return status.equals("Active");
        }
    }

    private final SecretSealer sealer;

    public AccessKeyDao(SecretSealer sealer)
    {
        this.sealer = requireNonNull(sealer, "sealer is null");
    }

    public void insert(Handle handle, Credential credential, Optional<String> userName, Instant now)
    {
        handle.createUpdate("""
                INSERT INTO account_keys (access_key_id, secret_key, principal_arn, account_id, created_at, user_name, status)
                VALUES (:id, :secret, :principal, :account, :createdAt, :user, 'Active')
                """)
                .bind("id", credential.accessKeyId())
                .bind("secret", sealer.seal(credential.secretAccessKey()))
                .bind("principal", credential.caller().principalArn())
                .bind("account", credential.caller().accountId())
                .bind("createdAt", now.toEpochMilli())
                .bind("user", userName.map(IdentityDao::key).orElse(null))
                .execute();
    }

    public List<StoredKey> all(Handle handle)
    {
        return handle.createQuery("SELECT * FROM account_keys ORDER BY created_at, access_key_id")
                .map((rs, ctx) -> {
                    String accessKeyId = rs.getString("access_key_id");
                    Credential credential = new Credential(accessKeyId, sealer.open(rs.getString("secret_key")),
                            new Caller(rs.getString("account_id"), rs.getString("principal_arn"), accessKeyId));
                    return new StoredKey(credential, Optional.ofNullable(rs.getString("user_name")), rs.getString("status"),
                            Instant.ofEpochMilli(rs.getLong("created_at")));
                })
                .list();
    }

    /** Seals every secret still stored in plain text; returns how many were. */
    public int sealPlaintext(Handle handle)
    {
        List<String[]> plain = handle.createQuery("SELECT access_key_id, secret_key FROM account_keys")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
                .filter(row -> !SecretSealer.isSealed(row[1]))
                .list();
        for (String[] row : plain) {
            handle.createUpdate("UPDATE account_keys SET secret_key = :secret WHERE access_key_id = :id")
                    .bind("secret", sealer.seal(row[1])).bind("id", row[0]).execute();
        }
        return plain.size();
    }

    public void updateStatus(Handle handle, String accessKeyId, String status)
    {
        handle.createUpdate("UPDATE account_keys SET status = :status WHERE access_key_id = :id").bind("status", status).bind("id", accessKeyId).execute();
    }

    public void delete(Handle handle, String accessKeyId)
    {
        handle.createUpdate("DELETE FROM account_keys WHERE access_key_id = :id").bind("id", accessKeyId).execute();
    }
}
